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
    /// lower the count of series products (`seriesProductCount`) or where a register's identity matters to its
    /// reader (the piecewise functions abs, sign, min and max, whose registers name switching events; matrix
    /// functions). Inputs and outputs keep their slots and order.
    ///
    /// - Parameter constantSlots: the input slots fixed during an integration (the parameters).
    public func collectingPolynomials(constantSlots: Range<Int>) -> Tape {
        guard instructions.count <= TapePolynomials.largestTape, !instructions.contains(where: TapePolynomials.keepsRegisters) else { return self }
        var collector = TapePolynomials(tape: self, constantSlots: constantSlots)
        let collected = collector.collect()
        let isConstant = constantRegisters(constantSlots: constantSlots)
        let collectedConstant = collected.constantRegisters(constantSlots: constantSlots)
        return collected.seriesProductCount(isConstant: collectedConstant) < seriesProductCount(isConstant: isConstant) ? collected : self
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

        func exponent(of atom: Int) -> Int {
            stride(from: 0, to: powers.count, by: 2).first { powers[$0] == atom }.map { powers[$0 + 1] } ?? 0
        }

        func removing(_ atom: Int) -> Monomial {
            var rest: [Int] = []
            for k in stride(from: 0, to: powers.count, by: 2) where powers[k] != atom { rest += [powers[k], powers[k + 1]] }
            return Monomial(powers: rest)
        }
    }

    /// Terms: monomial -> the new-tape register of its (constant) coefficient.
    typealias Polynomial = [Monomial: Int]

    /// Tapes above this size are left as written: the collection's dictionaries would cost more than they save
    /// (a model unrolled at width 10^6 is a tape of millions of sums of products, which `SeriesDot` fuses).
    static let largestTape = 200_000

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
        registerOf = [Int?](repeating: nil, count: n)
        polynomialOf = [Polynomial?](repeating: nil, count: n)
        isConstant = tape.constantRegisters(constantSlots: constantSlots)
        pendingUses = [Int](repeating: 0, count: n)
        for instruction in tape.instructions { for r in instruction.operands { pendingUses[r] += 1 } }
        for output in tape.outputs { for r in output { pendingUses[r] += 1 } }
    }

    private mutating func emit(_ instruction: Tape.Instruction) -> Int { numbering.register(of: instruction, in: &instructions) }

    /// The collected tape: the inputs first, in slot order (as the Taylor engine expects), then every register in
    /// the old order, time-varying ones as polynomials materialized where a non-polynomial reader or an output
    /// needs their value; constant registers no longer read are dropped at the end.
    mutating func collect() -> Tape {
        for (i, instruction) in tape.instructions.enumerated() {
            if case .input = instruction { registerOf[i] = emit(instruction); inputRegisters.insert(registerOf[i]!) }
        }
        for (i, instruction) in tape.instructions.enumerated() {
            if case .input = instruction {
                if !isConstant[i] { polynomialOf[i] = [.atom(registerOf[i]!): emit(.constant(1))] }
                continue
            }
            if case .powerInt(_, 0) = instruction {
                registerOf[i] = emit(.constant(1))
            } else if isConstant[i] {
                registerOf[i] = emit(remapped(instruction))
            } else {
                polynomialOf[i] = polynomial(of: instruction, at: i)
            }
            for operand in instruction.operands {
                pendingUses[operand] -= 1
                if pendingUses[operand] == 0 { polynomialOf[operand] = nil }
            }
        }
        let outputs = tape.outputs.map { $0.map { value(of: $0) } }
        return withoutDeadConstants(outputs: outputs)
    }

    /// An instruction with its operands replaced by their new registers (materializing polynomials).
    private mutating func remapped(_ instruction: Tape.Instruction) -> Tape.Instruction {
        switch instruction {
        case .constant, .input, .pi, .matrixFunction, .matrixEntry: return instruction
        case .add(let a, let b): return .add(value(of: a), value(of: b))
        case .subtract(let a, let b): return .subtract(value(of: a), value(of: b))
        case .multiply(let a, let b): return .multiply(value(of: a), value(of: b))
        case .divide(let a, let b): return .divide(value(of: a), value(of: b))
        case .negate(let a): return .negate(value(of: a))
        case .function(let f, let a): return .function(f, value(of: a))
        case .binaryFunction(let f, let a, let b): return .binaryFunction(f, value(of: a), value(of: b))
        case .powerInt(let a, let n): return .powerInt(value(of: a), n)
        }
    }

    /// The new register holding old register r's value.
    private mutating func value(of r: Int) -> Int {
        if let register = registerOf[r] { return register }
        let register = materialize(polynomialOf[r]!)
        registerOf[r] = register
        return register
    }

    /// The polynomial of a time-varying register, from its operands' (a register no rule covers is an atom).
    private mutating func polynomial(of instruction: Tape.Instruction, at i: Int) -> Polynomial {
        switch instruction {
        case .add(let a, let b): return sum(takingTerms(a), takingTerms(b))
        case .subtract(let a, let b): return sum(takingTerms(a), negated(terms(b)))
        case .negate(let a): return negated(terms(a))
        case .multiply(let a, let b):
            if let product = product(terms(a), terms(b)) { return product }
            return [Monomial.atom(value(of: a)).times(.atom(value(of: b))): emit(.constant(1))]
        case .divide(let a, let b):
            if isConstant[b] {
                if isZero(registerOf[b]!) { return [.atom(emit(remapped(instruction))): emit(.constant(1))] }
                let dividend = terms(a)
                // A cancelled dividend is still divided: 0/c is 0, or NaN where the parameters make c zero.
                if dividend.isEmpty, !isLiteral(registerOf[b]!) { return [.one: emit(.divide(emit(.constant(0)), registerOf[b]!))] }
                return scaled(dividend, by: reciprocalConstant(registerOf[b]!))
            }
            let divisor = terms(b)
            if divisor.count == 1, let (monomial, coefficient) = divisor.first, let product = product(terms(a), inverse(monomial, coefficient)) {
                return product
            }
            return [.atom(value(of: a)).times(reciprocal(of: value(of: b))): emit(.constant(1))]
        case .powerInt(let a, let n):
            let base = terms(a)
            if base.count == 1, let (monomial, coefficient) = base.first, n > 0 {
                return [Monomial(powers: monomial.powers.enumerated().map { $0.offset % 2 == 1 ? $0.element * n : $0.element }):
                            emit(.powerInt(coefficient, n))]
            }
            if n > 0 { return [Monomial(powers: [value(of: a), n]): emit(.constant(1))] }
            if base.count == 1, let (monomial, coefficient) = base.first {
                let inverse = inverse(monomial, coefficient)
                let (m, c) = inverse.first!
                return [Monomial(powers: m.powers.enumerated().map { $0.offset % 2 == 1 ? $0.element * -n : $0.element }):
                            emit(.powerInt(c, -n))]
            }
            return [Monomial(powers: [reciprocal(of: value(of: a)).powers[0], -n]): emit(.constant(1))]
        default:
            return [.atom(emit(remapped(instruction))): emit(.constant(1))]
        }
    }

    /// The terms of old register r: its polynomial, or its constant value as the coefficient of 1 (none for 0).
    private func terms(_ r: Int) -> Polynomial {
        if isConstant[r] { return isZero(registerOf[r]!) ? [:] : [.one: registerOf[r]!] }
        return polynomialOf[r]!
    }

    /// The terms of old register r, moved out of `polynomialOf` where the instruction being collected is r's last
    /// reader (and reads it once), so that `sum` adds into them in place instead of copying them per addition.
    private mutating func takingTerms(_ r: Int) -> Polynomial {
        guard !isConstant[r], pendingUses[r] == 1 else { return terms(r) }
        let polynomial = polynomialOf[r]!
        polynomialOf[r] = nil
        return polynomial
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

    private mutating func sum(_ a: consuming Polynomial, _ b: consuming Polynomial) -> Polynomial {
        if a.count < b.count { swap(&a, &b) }
        for (monomial, c) in b {
            let total = a[monomial].map { add($0, c) } ?? c
            a[monomial] = keeps(monomial, total) ? total : nil
        }
        return a
    }

    private mutating func negated(_ a: Polynomial) -> Polynomial {
        a.mapValues { c in
            if case .constant(let q) = instructions[c] { return emit(.constant(-q)) }
            return emit(.negate(c))
        }
    }

    private mutating func scaled(_ a: Polynomial, by c: Int) -> Polynomial {
        var result: Polynomial = [:]
        for (monomial, coefficient) in a {
            let product = multiply(coefficient, c)
            if keeps(monomial, product) { result[monomial] = product }
        }
        return result
    }

    /// The expanded product where one factor is a single term (or a constant), nil otherwise.
    private mutating func product(_ a: Polynomial, _ b: Polynomial) -> Polynomial? {
        guard a.count <= 1 || b.count <= 1 else { return nil }
        let (single, other) = a.count <= 1 ? (a, b) : (b, a)
        // A cancelled factor: 0 times the other's terms, kept where they hold atoms that may not be finite.
        guard let (m, c) = single.first else { return scaled(other, by: emit(.constant(0))) }
        var result: Polynomial = [:]
        result.reserveCapacity(other.count)
        for (monomial, coefficient) in other {
            let term = monomial.times(m), product = multiply(coefficient, c)
            if keeps(term, product) { result[term] = product }
        }
        return result
    }

    /// Emits a polynomial: Horner in the atom of the most distinct exponents while two atoms or more remain
    /// (one product per step), then, in the last atom, a sum of its powers scaled by the coefficients (the
    /// powers are products shared by every polynomial in that atom).
    private mutating func materialize(_ p: Polynomial) -> Int {
        guard !p.isEmpty else { return emit(.constant(0)) }
        var atoms: [Int: Set<Int>] = [:]
        for monomial in p.keys {
            for k in stride(from: 0, to: monomial.powers.count, by: 2) { atoms[monomial.powers[k], default: []].insert(monomial.powers[k + 1]) }
        }
        for monomial in p.keys { for (atom, _) in atoms where monomial.exponent(of: atom) == 0 { atoms[atom]!.insert(0) } }
        guard let (x, _) = atoms.max(by: { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) }) else { return p[.one]! }
        var groups: [Int: Polynomial] = [:]
        for (monomial, c) in p { groups[monomial.exponent(of: x), default: [:]][monomial.removing(x)] = c }
        let exponents = groups.keys.sorted()
        if atoms.count == 1 {
            // One atom: sum_e c_e x^e.
            var total: Int? = nil
            for e in exponents {
                let c = groups[e]![.one]!
                let term = e == 0 ? c : multiply(c, power(x, e))
                total = total.map { emit(.add($0, term)) } ?? term
            }
            return total!
        }
        // Horner: (((p_en) x^(en - en-1) + p_en-1) ...) x^e0.
        var accumulator = materialize(groups[exponents.last!]!)
        for (lower, upper) in zip(exponents.dropLast(), exponents.dropFirst()).reversed() {
            accumulator = emit(.add(emit(.multiply(accumulator, power(x, upper - lower))), materialize(groups[lower]!)))
        }
        return exponents[0] == 0 ? accumulator : emit(.multiply(accumulator, power(x, exponents[0])))
    }

    /// x^e for e >= 1 as a chain of products x^e = x^(e-1) x, each power emitted once for every polynomial.
    private mutating func power(_ x: Int, _ e: Int) -> Int {
        e == 1 ? x : emit(.multiply(power(x, e - 1), x))
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
