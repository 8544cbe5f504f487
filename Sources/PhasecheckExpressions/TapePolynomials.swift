import PhasecheckNumbers

/// The polynomial normal form of a tape for Taylor integration: fewer series products for the same values.
///
/// A Taylor step costs about k multiplications per series product at order k, against one per scaling by a
/// constant or per addition, so its cost is set by the products of two time-varying registers. Right-hand sides
/// derived by Gaussian expectations (teacher-student overlap ODEs) are large polynomials written monomial by
/// monomial, `c * Cv^3 * V^2 * Q^6` with `V = R (1 + s2)`: a product chain per monomial, hundreds per step.
/// Collected in the time-varying atoms (state inputs, the time, and the registers no polynomial rule covers:
/// functions, quotients by sums) with coefficients held in constant registers (the parameters' arithmetic,
/// folded once per integration), the same polynomial needs a product per Horner step in one atom and one per
/// power of the innermost atom, shared by every coefficient (`materialize`).
///
/// The rules keep the written function's domain: a quotient by a monomial multiplies by the reciprocals of its
/// atoms, which are atoms of their own (1/R is never cancelled against R, so a state where the written
/// expression divides by zero still does); a power or quotient of a sum keeps the sum as one atom; a product is
/// expanded only where a factor is one monomial (an expanded product of two sums can cost more than it saves).
/// Values agree with the written tape up to rounding: the coefficients are sums of the written ones. The collected
/// form is defined exactly where the written one is: a term whose coefficients cancel is dropped only when all its
/// atoms are inputs (finite wherever the step runs); one holding another atom (a function value, a reciprocal) keeps
/// the coefficient 0, so 0 times a NaN or an infinity there still surfaces as in the written tape (`keeps`).
extension Tape {
    /// This tape with its polynomial parts collected (`TapePolynomials`), or the tape itself where that does not
    /// lower the count of series products (`seriesProductCount`; not tried where the tape has none), where the
    /// collection would go past its budget (linear in the tape's size, `TapePolynomials`), or where a register's
    /// identity matters to its reader (the piecewise functions abs, sign, min and max, whose registers name
    /// switching events; matrix functions). Inputs and outputs keep their slots and order.
    ///
    /// - Parameter constantSlots: the input slots fixed during an integration (the parameters).
    public func collectingPolynomials(constantSlots: Range<Int>) -> Tape {
        guard instructions.count <= TapePolynomials.largestTape, !instructions.contains(where: TapePolynomials.keepsRegisters) else { return self }
        let isConstant = constantRegisters(constantSlots: constantSlots)
        let written = seriesProductCount(isConstant: isConstant)
        guard written > 0, TapePolynomials.mayFitBudget(self, isConstant: isConstant) else { return self }
        var collector = TapePolynomials(tape: self, constantSlots: constantSlots)
        guard let collected = collector.collect() else { return self }
        return collected.seriesProductCount(isConstant: collected.constantRegisters(constantSlots: constantSlots)) < written ? collected : self
    }

    /// Whether each register is fixed during an integration whose fixed inputs are `constantSlots` (the
    /// parameters): constants, pi, those inputs, x^0, and whatever reads only such registers.
    public func constantRegisters(constantSlots: Range<Int>) -> [Bool] {
        var isConstant = [Bool](repeating: false, count: instructions.count)
        for (i, instruction) in instructions.enumerated() {
            switch instruction {
            case .constant, .pi: isConstant[i] = true
            case .input(let slot): isConstant[i] = constantSlots.contains(slot)
            case .powerInt(_, 0): isConstant[i] = true
            default: isConstant[i] = instruction.operands.allSatisfy { isConstant[$0] }
            }
        }
        return isConstant
    }

    /// The series products of two time-varying registers a Taylor step runs per order: products, quotients and
    /// reciprocals, and the squarings and products of each integer power (`isConstant`: a register's value is
    /// fixed during the integration).
    public func seriesProductCount(isConstant: [Bool]) -> Int {
        var count = 0
        for (i, instruction) in instructions.enumerated() where !isConstant[i] {
            switch instruction {
            case .multiply(let a, let b): if !isConstant[a] && !isConstant[b] { count += 1 }
            case .divide(_, let b): if !isConstant[b] { count += 1 }
            case .powerInt(_, let n) where n != 0 && n != 1:
                // Squarings and products of x^|n| (bit length - 1 + popcount - 1), and the reciprocal if n < 0.
                let m = n.magnitude
                count += (UInt.bitWidth - m.leadingZeroBitCount - 1) + (m.nonzeroBitCount - 1) + (n < 0 ? 1 : 0)
            default: continue
            }
        }
        return count
    }
}

/// Builds the collected tape of `Tape.collectingPolynomials`.
///
/// **Budget.** Collecting can cost far more than the tape it reads: a sum shared by many products is copied into
/// each (the flagship model's a - a* times each of d weights is d^2 terms), a register read twice and doubled per
/// line grows its terms as 2^lines, x squared k times is x^(2^k). So every step is bounded, for any input:
/// - a polynomial holds at most `largestPolynomial` terms, a monomial at most `largestMonomial` atoms each to at
///   most the power `largestExponent`; a register whose polynomial would exceed one of them is computed as
///   written (its instruction on its operands' values) and is an atom for its readers;
/// - all the collection's term operations (a term added, copied, scaled, multiplied or regrouped while emitting,
///   each O(1) time and memory as its monomial is bounded) together stay within `workPerInstruction` per
///   instruction of the tape plus `baseWork`; past that the collection stops and the tape runs as written.
/// Time and memory of a collection are therefore linear in the tape's size, whatever the right-hand sides.
struct TapePolynomials {
    /// A product of atoms (new-tape registers) with positive exponents, as (atom, exponent) pairs sorted by atom.
    struct Monomial: Hashable {
        var powers: [Int]
        static let one = Monomial(powers: [])
        static func atom(_ register: Int) -> Monomial { Monomial(powers: [register, 1]) }

        func times(_ other: Monomial) -> Monomial {
            var merged: [Int] = [], i = 0, j = 0
            let a = powers, b = other.powers
            while i < a.count || j < b.count {
                if j >= b.count || (i < a.count && a[i] < b[j]) { merged += [a[i], a[i + 1]]; i += 2 }
                else if i >= a.count || b[j] < a[i] { merged += [b[j], b[j + 1]]; j += 2 }
                else { merged += [a[i], a[i + 1] + b[j + 1]]; i += 2; j += 2 }
            }
            return Monomial(powers: merged)
        }

        /// The monomial with every exponent multiplied by n (n >= 1).
        func raised(to n: Int) -> Monomial {
            Monomial(powers: powers.enumerated().map { $0.offset % 2 == 1 ? $0.element * n : $0.element })
        }

        func exponent(of atom: Int) -> Int {
            stride(from: 0, to: powers.count, by: 2).first { powers[$0] == atom }.map { powers[$0 + 1] } ?? 0
        }

        func removing(_ atom: Int) -> Monomial {
            var rest: [Int] = []
            for k in stride(from: 0, to: powers.count, by: 2) where powers[k] != atom { rest += [powers[k], powers[k + 1]] }
            return Monomial(powers: rest)
        }

        /// Within the bounds of a term: at most `largestMonomial` atoms, each to at most `largestExponent`.
        var isBounded: Bool {
            powers.count <= 2 * TapePolynomials.largestMonomial
                && stride(from: 1, to: powers.count, by: 2).allSatisfy { powers[$0] <= TapePolynomials.largestExponent }
        }
    }

    /// Terms: monomial -> the new-tape register of its (constant) coefficient.
    typealias Polynomial = [Monomial: Int]

    /// Tapes above this size are left as written without trying: a model unrolled at width 10^6 is a tape of
    /// millions of sums of products, which `SeriesDot` fuses and the budget would stop anyway.
    static let largestTape = 200_000
    /// The bounds of one polynomial and of one of its monomials (see the type's doc comment). A power x^e is
    /// emitted as the chain x^2 ... x^e shared by every polynomial, so `largestExponent` also bounds that chain.
    static let largestPolynomial = 4096
    static let largestMonomial = 24
    static let largestExponent = 48
    /// The collection's budget in term operations: `workPerInstruction` per tape instruction plus `baseWork`.
    /// The bundled derivations' tapes (up to 1937 instructions, M9's) spend at most 8 per instruction, with
    /// polynomials of at most 104 terms.
    static let workPerInstruction = 64
    static let baseWork = 1 << 16

    static func budget(instructionCount n: Int) -> Int { workPerInstruction * n + baseWork }

    /// Whether the collection may stay within its budget, from an upper bound on its term operations found in one
    /// pass over term counts alone (no merging, no cancellation). A tape that would spend the whole budget and then
    /// run as written (a d-term sum times each of d weights: d^2 terms) is thus not tried; trying it cost seconds
    /// per solve at d = 1000. The bound follows `polynomial(of:at:)`: a sum has the terms of both operands (an
    /// atom past `largestPolynomial`), a product or quotient by one term has the other's, other instructions one;
    /// a product whose exponents (bounded by their sum over the factors) may pass `largestExponent` is taken to be
    /// an atom, as the collection makes it where they do (a polynomial written by Horner's rule).
    static func mayFitBudget(_ tape: Tape, isConstant: [Bool]) -> Bool {
        let budget = budget(instructionCount: tape.instructions.count)
        let n = tape.instructions.count
        var terms = [Int](repeating: 1, count: n), exponent = [Int](repeating: 0, count: n), work = 0
        for (i, instruction) in tape.instructions.enumerated() where !isConstant[i] {
            work += 1
            exponent[i] = 1
            switch instruction {
            case .add(let a, let b), .subtract(let a, let b):
                let total = terms[a] + terms[b]
                work += total
                (terms[i], exponent[i]) = total <= largestPolynomial ? (total, max(exponent[a], exponent[b])) : (1, 1)
            case .negate(let a): work += terms[a]; (terms[i], exponent[i]) = (terms[a], exponent[a])
            case .multiply(let a, let b), .divide(let a, let b):
                let (larger, smaller) = (max(terms[a], terms[b]), min(terms[a], terms[b]))
                let product = exponent[a] + exponent[b]
                if smaller == 1, product <= largestExponent { (terms[i], exponent[i]) = (larger, product) }
                work += terms[i]
            case .powerInt(let a, let k):
                if terms[a] == 1, k.magnitude <= UInt(largestExponent), exponent[a] * Int(k.magnitude) <= largestExponent {
                    exponent[i] = exponent[a] * Int(k.magnitude)
                }
            default: continue
            }
            if work > budget { return false }
        }
        return true
    }

    /// The collection went past its budget; the tape runs as written.
    struct OverBudget: Error {}

    static func keepsRegisters(_ instruction: Tape.Instruction) -> Bool {
        switch instruction {
        case .function(.abs, _), .function(.sign, _), .binaryFunction(.min, _, _), .binaryFunction(.max, _, _),
             .matrixFunction, .matrixEntry: true
        default: false
        }
    }

    let tape: Tape
    let constantSlots: Range<Int>
    var instructions: [Tape.Instruction] = []
    /// Term operations spent so far, and the most the collection may spend.
    private(set) var work = 0
    let budget: Int
    private var numbering = ValueNumbering()
    /// The new register of each old register that has one (constants, atoms, materialized polynomials).
    private var registerOf: [Int?]
    /// The polynomial of each old time-varying register, until its last reader has been collected.
    private var polynomialOf: [Polynomial?]
    private var isConstant: [Bool]
    /// Each old register's readers not yet collected (outputs count as readers that never come).
    private var pendingUses: [Int]
    /// The reciprocal atom of each atom that a quotient divided by.
    private var reciprocalOf: [Int: Int] = [:]
    /// The new registers of the inputs: the atoms that are finite wherever a step runs.
    private var inputRegisters: Set<Int> = []

    init(tape: Tape, constantSlots: Range<Int>) {
        self.tape = tape
        self.constantSlots = constantSlots
        let n = tape.instructions.count
        budget = Self.budget(instructionCount: n)
        registerOf = [Int?](repeating: nil, count: n)
        polynomialOf = [Polynomial?](repeating: nil, count: n)
        isConstant = tape.constantRegisters(constantSlots: constantSlots)
        pendingUses = [Int](repeating: 0, count: n)
        for instruction in tape.instructions { for r in instruction.operands { pendingUses[r] += 1 } }
        for output in tape.outputs { for r in output { pendingUses[r] += 1 } }
    }

    private mutating func emit(_ instruction: Tape.Instruction) -> Int { numbering.register(of: instruction, in: &instructions) }

    /// Counts `units` term operations against the budget.
    private mutating func spend(_ units: Int) throws(OverBudget) {
        work += units
        if work > budget { throw OverBudget() }
    }

    /// The collected tape, or nil where the collection went past its budget: the inputs first, in slot order (as
    /// the Taylor engine expects), then every register in the old order, time-varying ones as polynomials
    /// materialized where a non-polynomial reader or an output needs their value; constant registers no longer
    /// read are dropped at the end.
    mutating func collect() -> Tape? {
        do {
            for (i, instruction) in tape.instructions.enumerated() {
                if case .input = instruction { registerOf[i] = emit(instruction); inputRegisters.insert(registerOf[i]!) }
            }
            for (i, instruction) in tape.instructions.enumerated() {
                try spend(1)
                if case .input = instruction {
                    if !isConstant[i] { polynomialOf[i] = [.atom(registerOf[i]!): emit(.constant(1))] }
                    continue
                }
                if case .powerInt(_, 0) = instruction {
                    registerOf[i] = emit(.constant(1))
                } else if isConstant[i] {
                    registerOf[i] = try emit(remapped(instruction))
                } else {
                    polynomialOf[i] = try polynomial(of: instruction, at: i)
                }
                for operand in instruction.operands {
                    pendingUses[operand] -= 1
                    if pendingUses[operand] == 0 { polynomialOf[operand] = nil }
                }
            }
            var outputs: [[Int]] = []
            for output in tape.outputs {
                var registers: [Int] = []
                for r in output { registers.append(try value(of: r)) }
                outputs.append(registers)
            }
            return withoutDeadConstants(outputs: outputs)
        } catch {
            return nil
        }
    }

    /// An instruction with its operands replaced by their new registers (materializing polynomials).
    private mutating func remapped(_ instruction: Tape.Instruction) throws(OverBudget) -> Tape.Instruction {
        switch instruction {
        case .constant, .input, .pi, .matrixFunction, .matrixEntry: return instruction
        case .add(let a, let b): return try .add(value(of: a), value(of: b))
        case .subtract(let a, let b): return try .subtract(value(of: a), value(of: b))
        case .multiply(let a, let b): return try .multiply(value(of: a), value(of: b))
        case .divide(let a, let b): return try .divide(value(of: a), value(of: b))
        case .negate(let a): return try .negate(value(of: a))
        case .function(let f, let a): return try .function(f, value(of: a))
        case .binaryFunction(let f, let a, let b): return try .binaryFunction(f, value(of: a), value(of: b))
        case .powerInt(let a, let n): return try .powerInt(value(of: a), n)
        }
    }

    /// The new register holding old register r's value.
    private mutating func value(of r: Int) throws(OverBudget) -> Int {
        if let register = registerOf[r] { return register }
        let register = try materialize(polynomialOf[r]!)
        registerOf[r] = register
        return register
    }

    /// The instruction computed as written on its operands' values: an atom for its readers.
    private mutating func written(_ instruction: Tape.Instruction) throws(OverBudget) -> Polynomial {
        try [.atom(emit(remapped(instruction))): emit(.constant(1))]
    }

    /// The polynomial of a time-varying register, from its operands' (a register no rule covers, or whose
    /// polynomial would exceed the bounds, is an atom).
    private mutating func polynomial(of instruction: Tape.Instruction, at i: Int) throws(OverBudget) -> Polynomial {
        switch instruction {
        case .add(let a, let b), .subtract(let a, let b):
            guard termCount(a) + termCount(b) <= Self.largestPolynomial else { return try written(instruction) }
            if case .add = instruction { return try sum(takingTerms(a), takingTerms(b)) }
            return try sum(takingTerms(a), negated(terms(b)))
        case .negate(let a): return try negated(terms(a)).terms
        case .multiply(let a, let b):
            if let product = try product(terms(a), terms(b)) { return product }
            return try [Monomial.atom(value(of: a)).times(.atom(value(of: b))): emit(.constant(1))]
        case .divide(let a, let b):
            if isConstant[b] {
                if isZero(registerOf[b]!) { return try written(instruction) }
                let dividend = terms(a)
                // A cancelled dividend is still divided: 0/c is 0, or NaN where the parameters make c zero.
                if dividend.isEmpty, !isLiteral(registerOf[b]!) { return [.one: emit(.divide(emit(.constant(0)), registerOf[b]!))] }
                return try scaled(dividend, by: reciprocalConstant(registerOf[b]!))
            }
            let divisor = terms(b)
            if divisor.count == 1, let (monomial, coefficient) = divisor.first, let product = try product(terms(a), inverse(monomial, coefficient)) {
                return product
            }
            return try [.atom(value(of: a)).times(reciprocal(of: value(of: b))): emit(.constant(1))]
        case .powerInt(let a, let n):
            guard n.magnitude <= Self.largestExponent else { return try written(instruction) }
            let base = terms(a)
            var power: Polynomial
            if base.count == 1, let (monomial, coefficient) = base.first {
                if n > 0 {
                    power = [monomial.raised(to: n): emit(.powerInt(coefficient, n))]
                } else {
                    let (m, c) = inverse(monomial, coefficient).first!
                    power = [m.raised(to: -n): emit(.powerInt(c, -n))]
                }
            } else {
                power = try [(n > 0 ? .atom(value(of: a)) : reciprocal(of: value(of: a))).raised(to: Int(n.magnitude)): emit(.constant(1))]
            }
            return power.keys.first!.isBounded ? power : try written(instruction)
        default:
            return try written(instruction)
        }
    }

    /// The number of terms of old register r.
    private func termCount(_ r: Int) -> Int {
        isConstant[r] ? 1 : polynomialOf[r]!.count
    }

    /// The terms of old register r: its polynomial, or its constant value as the coefficient of 1 (none for 0).
    private func terms(_ r: Int) -> Polynomial {
        if isConstant[r] { return isZero(registerOf[r]!) ? [:] : [.one: registerOf[r]!] }
        return polynomialOf[r]!
    }

    /// The terms of old register r, moved out of `polynomialOf` where the instruction being collected is r's last
    /// reader (and reads it once), so that `sum` adds into them in place instead of copying them per addition.
    private mutating func takingTerms(_ r: Int) -> (terms: Polynomial, owned: Bool) {
        guard !isConstant[r], pendingUses[r] == 1 else { return (terms(r), false) }
        let polynomial = polynomialOf[r]!
        polynomialOf[r] = nil
        return (polynomial, true)
    }

    /// 1/(c m) as (1/c) times the reciprocal atoms of m's atoms.
    private mutating func inverse(_ monomial: Monomial, _ coefficient: Int) -> Polynomial {
        var result = Monomial.one
        for k in stride(from: 0, to: monomial.powers.count, by: 2) {
            let r = reciprocal(of: monomial.powers[k])
            result = result.times(Monomial(powers: [r.powers[0], monomial.powers[k + 1]]))
        }
        return [result: reciprocalConstant(coefficient)]
    }

    /// 1/c for a constant register c (folded for a nonzero rational literal).
    private mutating func reciprocalConstant(_ c: Int) -> Int {
        if case .constant(let q) = instructions[c], q != BigRational(0) { return emit(.constant(BigRational(1) / q)) }
        return emit(.divide(emit(.constant(1)), c))
    }

    /// The atom 1/x of atom x (one per x).
    private mutating func reciprocal(of atom: Int) -> Monomial {
        if let r = reciprocalOf[atom] { return .atom(r) }
        let r = emit(.divide(emit(.constant(1)), atom))
        reciprocalOf[atom] = r
        return .atom(r)
    }

    private func isZero(_ register: Int) -> Bool {
        if case .constant(let q) = instructions[register] { return q == BigRational(0) }
        return false
    }

    private func isLiteral(_ register: Int) -> Bool {
        if case .constant = instructions[register] { return true }
        return false
    }

    /// Whether a term stays in its polynomial: unless its coefficient is the literal 0 and every atom is an input.
    /// A zero term over another atom is kept so that atom is still evaluated (0 times its NaN or infinity is NaN,
    /// as in the written tape); a zero term over inputs only is 0 wherever a step runs.
    private func keeps(_ monomial: Monomial, _ coefficient: Int) -> Bool {
        !isZero(coefficient) || stride(from: 0, to: monomial.powers.count, by: 2).contains { !inputRegisters.contains(monomial.powers[$0]) }
    }

    /// c1 + c2, c1 c2, -c: folded where both are rational literals (a zero coefficient drops its term).
    private mutating func add(_ c1: Int, _ c2: Int) -> Int {
        if case .constant(let p) = instructions[c1], case .constant(let q) = instructions[c2] { return emit(.constant(p + q)) }
        return emit(.add(c1, c2))
    }
    private mutating func multiply(_ c1: Int, _ c2: Int) -> Int {
        if case .constant(let p) = instructions[c1], case .constant(let q) = instructions[c2] { return emit(.constant(p * q)) }
        if case .constant(let p) = instructions[c1], p == BigRational(1) { return c2 }
        if case .constant(let q) = instructions[c2], q == BigRational(1) { return c1 }
        return emit(.multiply(c1, c2))
    }

    /// a + b, adding the smaller into the larger: in place where that one was moved out (`takingTerms`), else
    /// into a copy, which the budget counts.
    private mutating func sum(_ a: consuming (terms: Polynomial, owned: Bool), _ b: consuming (terms: Polynomial, owned: Bool)) throws(OverBudget) -> Polynomial {
        if a.terms.count < b.terms.count { swap(&a, &b) }
        try spend(b.terms.count + (a.owned ? 0 : a.terms.count))
        for (monomial, c) in b.terms {
            let total = a.terms[monomial].map { add($0, c) } ?? c
            a.terms[monomial] = keeps(monomial, total) ? total : nil
        }
        return a.terms
    }

    private mutating func negated(_ a: Polynomial) throws(OverBudget) -> (terms: Polynomial, owned: Bool) {
        try spend(a.count)
        return (a.mapValues { c in
            if case .constant(let q) = instructions[c] { return emit(.constant(-q)) }
            return emit(.negate(c))
        }, true)
    }

    private mutating func scaled(_ a: Polynomial, by c: Int) throws(OverBudget) -> Polynomial {
        try spend(a.count)
        var result: Polynomial = [:]
        for (monomial, coefficient) in a {
            let product = multiply(coefficient, c)
            if keeps(monomial, product) { result[monomial] = product }
        }
        return result
    }

    /// The expanded product where one factor is a single term (or a constant) and every product of monomials
    /// stays within the bounds, nil otherwise.
    private mutating func product(_ a: Polynomial, _ b: Polynomial) throws(OverBudget) -> Polynomial? {
        guard a.count <= 1 || b.count <= 1 else { return nil }
        // A cancelled factor (either one, whatever the other's size): 0 times the other's terms, kept where they hold
        // atoms that may not be finite, so 0 times a NaN there is still NaN as in the written tape.
        if a.isEmpty || b.isEmpty { return try scaled(a.isEmpty ? b : a, by: emit(.constant(0))) }
        let (single, other) = a.count == 1 ? (a, b) : (b, a)
        let (m, c) = single.first!
        try spend(other.count)
        var result: Polynomial = [:]
        result.reserveCapacity(other.count)
        for (monomial, coefficient) in other {
            let term = monomial.times(m)
            guard term.isBounded else { return nil }
            let product = multiply(coefficient, c)
            if keeps(term, product) { result[term] = product }
        }
        return result
    }

    /// A polynomial split in one atom x for Horner's rule: its parts p_e by exponent e of x, highest e first, and
    /// the registers of the parts emitted so far.
    private struct HornerFrame {
        var atom: Int
        var exponents: [Int]
        var parts: [Polynomial]
        var registers: [Int] = []
    }

    /// A polynomial emitted at once (no atom, or one), or to be emitted by Horner's rule once its parts are.
    private enum Split {
        case emitted(Int)
        case horner(HornerFrame)
    }

    /// Emits a polynomial: Horner in the atom of the most distinct exponents while two atoms or more remain
    /// (one product per step), then, in the last atom, a sum of its powers scaled by the coefficients (the
    /// powers are products shared by every polynomial in that atom). Iterative (a stack of `HornerFrame`s, one per
    /// atom split off), each term regrouped once per split, which the budget counts.
    private mutating func materialize(_ p: Polynomial) throws(OverBudget) -> Int {
        var stack: [HornerFrame] = []
        var next = try split(p)
        while true {
            switch next {
            case .horner(let frame): stack.append(frame)
            case .emitted(let register):
                guard !stack.isEmpty else { return register }
                stack[stack.count - 1].registers.append(register)
            }
            let top = stack.count - 1, done = stack[top].registers.count
            if done < stack[top].parts.count {
                let part = stack[top].parts[done]
                stack[top].parts[done] = [:]
                next = try split(part)
            } else {
                next = .emitted(horner(stack.removeLast()))
            }
        }
    }

    /// p emitted at once where it has at most one atom, else split in its atom of the most distinct exponents.
    private mutating func split(_ p: Polynomial) throws(OverBudget) -> Split {
        guard !p.isEmpty else { return .emitted(emit(.constant(0))) }
        try spend(p.count)
        var exponents: [Int: Set<Int>] = [:], occurrences: [Int: Int] = [:]
        for monomial in p.keys {
            for k in stride(from: 0, to: monomial.powers.count, by: 2) {
                exponents[monomial.powers[k], default: []].insert(monomial.powers[k + 1])
                occurrences[monomial.powers[k], default: 0] += 1
            }
        }
        for (atom, count) in occurrences where count < p.count { exponents[atom]!.insert(0) }
        guard let (x, _) = exponents.max(by: { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) }) else { return .emitted(p[.one]!) }
        if exponents.count == 1 {
            // One atom: sum_e c_e x^e.
            var total: Int? = nil
            for (monomial, c) in p.sorted(by: { $0.key.exponent(of: x) < $1.key.exponent(of: x) }) {
                let e = monomial.exponent(of: x)
                let term = e == 0 ? c : multiply(c, power(x, e))
                total = total.map { emit(.add($0, term)) } ?? term
            }
            return .emitted(total!)
        }
        var parts: [Int: Polynomial] = [:]
        for (monomial, c) in p { parts[monomial.exponent(of: x), default: [:]][monomial.removing(x)] = c }
        let descending = parts.keys.sorted(by: >)
        return .horner(HornerFrame(atom: x, exponents: descending, parts: descending.map { parts[$0]! }))
    }

    /// Horner's rule on emitted parts: (((p_en) x^(en - en-1) + p_en-1) ...) x^e0.
    private mutating func horner(_ frame: HornerFrame) -> Int {
        var accumulator = frame.registers[0]
        for j in 1..<frame.exponents.count {
            let step = power(frame.atom, frame.exponents[j - 1] - frame.exponents[j])
            accumulator = emit(.add(emit(.multiply(accumulator, step)), frame.registers[j]))
        }
        let lowest = frame.exponents.last!
        return lowest == 0 ? accumulator : emit(.multiply(accumulator, power(frame.atom, lowest)))
    }

    /// x^e for e >= 1 as a chain of products x^e = x^(e-1) x, each power emitted once for every polynomial.
    private mutating func power(_ x: Int, _ e: Int) -> Int {
        var result = x
        for _ in 1..<e { result = emit(.multiply(result, x)) }
        return result
    }

    /// The tape of `instructions` with every constant register nobody reads removed (inputs stay, first).
    private func withoutDeadConstants(outputs: [[Int]]) -> Tape {
        var live = [Bool](repeating: false, count: instructions.count)
        for output in outputs { for r in output { live[r] = true } }
        for i in instructions.indices.reversed() {
            if case .input = instructions[i] { live[i] = true }
            if live[i] { for r in instructions[i].operands { live[r] = true } }
        }
        var renamed = [Int](repeating: -1, count: instructions.count)
        var kept: [Tape.Instruction] = []
        for (i, instruction) in instructions.enumerated() where live[i] {
            renamed[i] = kept.count
            kept.append(instruction.renamingOperands { renamed[$0] })
        }
        return Tape(instructions: kept, inputs: tape.inputs, outputs: outputs.map { $0.map { renamed[$0] } }, outputShapes: tape.outputShapes)
    }
}

extension Tape.Instruction {
    /// The instruction with each operand register r replaced by `rename(r)`.
    func renamingOperands(_ rename: (Int) -> Int) -> Tape.Instruction {
        switch self {
        case .constant, .input, .pi: self
        case .add(let a, let b): .add(rename(a), rename(b))
        case .subtract(let a, let b): .subtract(rename(a), rename(b))
        case .multiply(let a, let b): .multiply(rename(a), rename(b))
        case .divide(let a, let b): .divide(rename(a), rename(b))
        case .negate(let a): .negate(rename(a))
        case .function(let f, let a): .function(f, rename(a))
        case .binaryFunction(let f, let a, let b): .binaryFunction(f, rename(a), rename(b))
        case .powerInt(let a, let n): .powerInt(rename(a), n)
        case .matrixFunction(let f, let size, let matrix, let exponent):
            .matrixFunction(f, size: size, matrix: matrix.map(rename), exponent: exponent.map(rename))
        case .matrixEntry(let block, let entry): .matrixEntry(block: rename(block), entry: entry)
        }
    }
}
