#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PhasecheckExpressions
import PhasecheckNumbers

/// Taylor-mode automatic differentiation on an expression tape.
///
/// For every non-constant tape register the engine keeps the normalized Taylor coefficients
/// v_0 ... v_p of v(t0 + tau) = sum v_k tau^k in one flat buffer allocated once (memory is proportional to
/// registers x order and never to the number of steps). Coefficients are computed order by order with the
/// exact recurrences of each operation (Cauchy products, and for elementary functions the recurrences
/// that follow from v' = x' g(v, x), as in heyoka and TaylorIntegration.jl); state coefficient k + 1 is the
/// right-hand side's coefficient k divided by k + 1. No finite differences anywhere.
///
/// Notation in the comments: D(y)_k = k y_k (the coefficients of tau y'(tau), shifted), so that for
/// v' = x' g one has D(v)_k = sum_{j=1..k} D(x)_j g_{k-j}.
///
/// All arithmetic writes in place into preallocated values (`Scalar`'s `into:` operations), never into a
/// value that is also an operand, so BigFloat never copies storage on the hot path.
struct TaylorCoefficientEngine<Context: ScalarContext> {
    typealias V = Context.Value

    let order: Int
    let stride: Int
    /// Every coefficient buffer, auxiliary buffer and scalar scratch slot, at fixed offsets.
    var store: [V]
    let ops: [TaylorOp]
    /// The matrix functions of the tape (inv, det), which `TaylorOp.matrix` indexes.
    let matrixBlocks: [MatrixBlock]
    /// The matrix powers of the tape (sqrtm, powm), which `TaylorOp.matrixPower` indexes.
    let matrixPowerBlocks: [MatrixPowerBlock]
    /// The matrix exponentials of the tape (expm), which `TaylorOp.matrixExponential` indexes.
    let matrixExponentialBlocks: [MatrixExponentialBlock]
    /// The sums of products of the tape (matrix products' entries), which `TaylorOp.dot` indexes.
    let dots: [SeriesDot]
    let context: Context
    /// The branch each piecewise function (abs, min, max) used in the last `computeCoefficients`: the sign
    /// of its switching argument (see `Kink`), 0 while undecided.
    var choices: [Int]
    /// Branches imposed by the integrator (0: free, decided from the coefficients at the step start).
    var pinned: [Int]
    /// The piecewise functions of the tape, in the order of their `choice` indices.
    let kinks: [Kink]
    /// The coefficient offsets of each atan2's (y, x): its value jumps by 2 pi where x <= 0 and y = 0, which its
    /// smooth recurrence does not see, so a validated step must keep its arguments off that cut.
    let branchCuts: [(y: Int, x: Int)]
    /// Offsets of the coefficient buffers of the state inputs and of their right-hand sides.
    let stateOffsets: [Int]
    let rightHandSideOffsets: [Int]
    let timeOffset: Int?
    /// Offset of the scalar slots holding the integers 0 ... order + 1.
    let integersOffset: Int
    /// Where every coefficient buffer starts (slot k of a buffer holds a coefficient of order k).
    let bufferOffsets: [Int]
    let scratch: Scratch
    /// +1 integrating forward in time, -1 backward (piecewise functions look at the side they move to).
    var direction: Int = 1
    /// Where Cauchy products use `RelaxedProducts` (MPFR only); nil: every product term by term.
    var relaxedProducts: RelaxedProductPolicy? = .standard

    /// Scalar scratch for the coefficients of order k lives in four buffers, so that it has order k's
    /// precision (see `regrade`).
    struct Scratch {
        let rBuffer: Int, tBuffer: Int, spareBuffer: Int, uBuffer: Int
        let zero: Int, one: Int
        /// For MPFR, the `mpfr_t` of every store slot during one `computeCoefficients` (see `MPFRSlots`).
        var slots: MPFRSlots? = nil
        /// At high precision and order, the relaxed products of one `computeCoefficients` (see `RelaxedProducts`).
        var relaxed: RelaxedProducts? = nil
        @inline(__always) func r(_ k: Int) -> Int { rBuffer + k }
        @inline(__always) func t(_ k: Int) -> Int { tBuffer + k }
        @inline(__always) func spare(_ k: Int) -> Int { spareBuffer + k }
        @inline(__always) func u(_ k: Int) -> Int { uBuffer + k }
    }

    /// - Parameters:
    ///   - tape: the right-hand sides as written. Point values (Double, MPFR) run its polynomial normal form
    ///     (`Tape.collectingPolynomials`: the same values with fewer series products); a validated step runs it as
    ///     written, since its enclosures' widths depend on the form.
    ///   - stateSlotCount: the first `stateSlotCount` tape inputs are the state.
    ///   - parameterValues: values of the following input slots (fixed in time).
    ///   - hasTime: whether the last input slot is the time.
    init(tape written: Tape, order: Int, context: Context, stateSlotCount: Int, parameterValues: [V], hasTime: Bool) throws {
        precondition(order >= 1)
        let tape = Context.self == IntervalContext.self ? written
            : written.collectingPolynomials(constantSlots: stateSlotCount..<(stateSlotCount + parameterValues.count))
        self.order = order
        let stride = order + 1
        self.stride = stride
        let instructions = tape.instructions
        let registerCount = instructions.count
        let parameterRange = stateSlotCount..<(stateSlotCount + parameterValues.count)
        precondition(tape.inputs.count == stateSlotCount + parameterValues.count + (hasTime ? 1 : 0))

        // Which registers are constant in time, and where each input slot lives.
        let isConstant = tape.constantRegisters(constantSlots: parameterRange)
        var registerOfSlot = [Int](repeating: -1, count: tape.inputs.count)
        for (i, instruction) in instructions.enumerated() { if case .input(let slot) = instruction { registerOfSlot[slot] = i } }

        // Layout: one buffer per register (none for the partial sums and products a fused sum of products
        // absorbs: at n x n matrix products they are almost all the registers), then auxiliary buffers, then
        // scalar slots.
        let fusion = SeriesDot.fusion(instructions, isConstant: isConstant, outputs: tape.outputs)
        var registerOffsets = [Int](repeating: -1, count: registerCount)
        var size = 0
        for i in 0..<registerCount where !fusion.absorbed[i] {
            registerOffsets[i] = size
            size += stride
        }
        var bufferOffsets = registerOffsets.filter { $0 >= 0 }
        func newBuffer() -> Int { defer { size += stride }; bufferOffsets.append(size); return size }
        func newSlot() -> Int { defer { size += 1 }; return size }
        let integersOffset = newSlot()
        for _ in 0...order { _ = newSlot() }
        let scratch = Scratch(rBuffer: newBuffer(), tBuffer: newBuffer(), spareBuffer: newBuffer(), uBuffer: newBuffer(),
                              zero: integersOffset, one: integersOffset + 1)
        var zeroBuffer: Int? = nil

        var ops: [TaylorOp] = []
        var matrixBlocks: [MatrixBlock] = []
        var matrixPowerBlocks: [MatrixPowerBlock] = []
        var matrixExponentialBlocks: [MatrixExponentialBlock] = []
        var dots: [SeriesDot] = []
        var kinks: [Kink] = []
        var branchCuts: [(y: Int, x: Int)] = []
        var derivativeOf: [Int: Int] = [:]
        func offset(_ register: Int) -> Int { registerOffsets[register] }
        /// D(x) for register x: a zero buffer for constants, else computed once per order just before
        /// its first consumer (x's coefficient of that order is known by then).
        /// A buffer of zeros (made once).
        func zeros() -> Int {
            if let z = zeroBuffer { return z }
            zeroBuffer = newBuffer()
            return zeroBuffer!
        }
        func derivative(_ register: Int) -> Int {
            if isConstant[register] { return zeros() }
            if let d = derivativeOf[register] { return d }
            let d = newBuffer()
            ops.append(.derivative(d: d, x: offset(register)))
            derivativeOf[register] = d
            return d
        }
        func isLiteralZero(_ register: Int) -> Bool {
            if case .constant(let q) = instructions[register] { return q == BigRational(0) }
            return false
        }
        /// x^n for n >= 1 by squaring and multiplying (exact for any x, including x_0 = 0).
        func powerChain(_ x: Int, _ n: Int, into destination: Int?) -> Int {
            if n == 1 { return x }
            let target = destination ?? newBuffer()
            if n % 2 == 0 {
                ops.append(.square(v: target, a: powerChain(x, n / 2, into: nil)))
            } else {
                ops.append(.multiply(v: target, a: powerChain(x, n - 1, into: nil), b: x))
            }
            return target
        }

        for (i, instruction) in instructions.enumerated() where !isConstant[i] && !fusion.absorbed[i] {
            let v = offset(i)
            if let factors = fusion.heads[i] {
                ops.append(.dot(v: v, dots.count))
                dots.append(SeriesDot(a: factors.map { offset($0.0) }, b: factors.map { offset($0.1) }))
                continue
            }
            switch instruction {
            case .constant, .pi, .input, .matrixEntry: continue
            case .matrixFunction(let f, let size, let matrix, let exponent) where f == .sqrtm || f == .powm:
                if Context.self == IntervalContext.self {
                    throw ValidationRefusal(time: 0, message: "`\(f.rawValue)` of a matrix that changes along the flow has no validated (interval) Taylor step; the result rests on the non-validated integration")
                }
                let (numerator, degree) = try Self.rootExponent(f, exponent, instructions, parameterValues, stateSlotCount, context)
                let entries = size * size
                func buffers() -> [Int] { (0..<entries).map { _ in newBuffer() } }
                func slots() -> [Int] { (0..<entries).map { _ in newSlot() } }
                ops.append(.matrixPower(matrixPowerBlocks.count))
                matrixPowerBlocks.append(MatrixPowerBlock(
                    size: size, matrix: matrix.map(offset), numerator: numerator, degree: degree,
                    rootPowers: (0..<Swift.max(degree, numerator)).map { _ in buffers() },
                    inversePowers: (0..<Swift.max(0, -numerator)).map { _ in buffers() },
                    output: (0..<entries).map { offset(i + $0) }, basis: slots(), divisors: slots()))
            case .matrixFunction(let f, let size, let matrix, _) where f == .expm || f == .dexpm:
                if Context.self == IntervalContext.self {
                    throw ValidationRefusal(time: 0, message: "`\(f.rawValue)` of a matrix that changes along the flow has no validated (interval) Taylor step; the result rests on the non-validated integration")
                }
                // dexpm(A, E) is the upper right block of expm([[A, E], [0, A]]) (see `MatrixAlgebra.exponentialDerivative`):
                // the block's other entries go to buffers of their own.
                let n = f == .expm ? size : 2 * size
                let argument = f == .expm ? matrix.map(offset) : (0..<(n * n)).map { entry -> Int in
                    let (r, c) = (entry / n, entry % n)
                    if r >= size { return c >= size ? offset(matrix[(r - size) * size + c - size]) : zeros() }
                    return offset(c < size ? matrix[r * size + c] : matrix[size * size + r * size + c - size])
                }
                let output = f == .expm ? (0..<(n * n)).map { offset(i + $0) } : (0..<(n * n)).map { entry -> Int in
                    let (r, c) = (entry / n, entry % n)
                    return r < size && c >= size ? offset(i + r * size + c - size) : newBuffer()
                }
                let (reduction, terms) = MatrixExponentialBlock.plan(bits: context.precision + 8)
                let q = MatrixExponentialBlock.polynomialBlock(terms)
                func buffers() -> [Int] { (0..<(n * n)).map { _ in newBuffer() } }
                ops.append(.matrixExponential(matrixExponentialBlocks.count))
                matrixExponentialBlocks.append(MatrixExponentialBlock(
                    size: n, matrix: argument, reduction: reduction, terms: terms,
                    powers: (0..<q).map { _ in buffers() }, stages: (0...(terms / q)).map { _ in buffers() },
                    squarings: (0..<(reduction + MatrixExponentialBlock.extraSquarings)).map { _ in buffers() },
                    output: output, squaringCount: newSlot(), scale: newSlot(),
                    reciprocalFactorials: (0...terms).map { _ in newSlot() }))
            case .matrixFunction(let f, let size, let matrix, _):
                guard f == .inv || f == .det else {
                    throw IntegrationError(reason: .invalidInput, time: nil, message: "`\(f.rawValue)` of a matrix that changes with the state or the time cannot be integrated (the Taylor integrator supports `inv`, `det`, `expm`, `dexpm`, `sqrtm` and `powm` there); evaluate it in a closed form, or take it of constant matrices only")
                }
                let inverse = f == .inv ? (0..<(size * size)).map { offset(i + $0) } : (0..<(size * size)).map { _ in newBuffer() }
                ops.append(.matrix(matrixBlocks.count))
                matrixBlocks.append(MatrixBlock(size: size, matrix: matrix.map(offset), inverse: inverse,
                                                determinant: f == .det ? (v, newBuffer()) : nil))
            case .add(let a, let b): ops.append(.add(v: v, a: offset(a), b: offset(b)))
            case .subtract(let a, let b): ops.append(.subtract(v: v, a: offset(a), b: offset(b)))
            case .negate(let a): ops.append(.negate(v: v, a: offset(a)))
            case .multiply(let a, let b):
                if isConstant[a] { ops.append(.scale(v: v, a: offset(b), c: offset(a))) }
                else if isConstant[b] { ops.append(.scale(v: v, a: offset(a), c: offset(b))) }
                else if a == b { ops.append(.square(v: v, a: offset(a))) }
                else { ops.append(.multiply(v: v, a: offset(a), b: offset(b))) }
            case .divide(let a, let b):
                if isConstant[b] { ops.append(.divideByConstant(v: v, a: offset(a), c: offset(b))) }
                else if let choice = Self.signChoice(instructions, a, b, kinks) { ops.append(.branchSign(v: v, choice: choice)) }
                else { ops.append(.divide(v: v, a: offset(a), b: offset(b))) }
            case .powerInt(let a, let n):
                if n == 1 { ops.append(.copy(v: v, x: offset(a))) }
                else if n > 1 { _ = powerChain(offset(a), n, into: v) }
                else if n == -1 { ops.append(.reciprocal(v: v, a: offset(a))) }
                else { ops.append(.reciprocal(v: v, a: powerChain(offset(a), -n, into: nil))) }
            case .function(let f, let a):
                let x = offset(a)
                switch f {
                case .exp: ops.append(.exp(v: v, x: x, dx: derivative(a)))
                case .expm1: ops.append(.expm1(v: v, x: x, dx: derivative(a)))
                case .log, .log1p:
                    let dv = newBuffer()
                    derivativeOf[i] = dv
                    ops.append(.log(v: v, x: x, dx: derivative(a), dv: dv, y0: f == .log1p ? newSlot() : x,
                                    onePlus: f == .log1p))
                case .sin, .cos, .sinh, .cosh:
                    let companion = newBuffer()
                    let hyperbolic = f == .sinh || f == .cosh
                    let isSine = f == .sin || f == .sinh
                    ops.append(.sinCos(s: isSine ? v : companion, c: isSine ? companion : v, x: x,
                                       dx: derivative(a), hyperbolic: hyperbolic))
                case .tan, .tanh:
                    ops.append(.tan(v: v, x: x, dx: derivative(a), w: newBuffer(), hyperbolic: f == .tanh))
                case .atan, .atanh:
                    let dx = derivative(a), dv = newBuffer()
                    derivativeOf[i] = dv
                    ops.append(.inverseTangent(v: v, x: x, dx: dx, w: newBuffer(), dv: dv, hyperbolic: f == .atanh))
                case .asin, .acos, .asinh, .acosh:
                    let dx = derivative(a), dv = newBuffer()
                    derivativeOf[i] = dv
                    ops.append(.inverseSine(v: v, x: x, dx: dx, w: newBuffer(), dv: dv, twoW0: newSlot(), function: f))
                case .sqrt: ops.append(.sqrt(v: v, x: x, twoV0: newSlot()))
                case .cbrt:
                    let dx = derivative(a), dv = newBuffer()
                    derivativeOf[i] = dv
                    ops.append(.realPower(v: v, x: x, dx: dx, dv: dv, alpha: newSlot(), exponent: nil))
                case .erf, .erfc:
                    // v' = x' c exp(-x^2) with c = +-2/sqrt(pi); the Gaussian factor is a series of its own.
                    let square = newBuffer(), exponent = newBuffer(), dExponent = newBuffer(), gaussian = newBuffer()
                    ops.append(.square(v: square, a: x))
                    ops.append(.negate(v: exponent, a: square))
                    ops.append(.derivative(d: dExponent, x: exponent))
                    ops.append(.exp(v: gaussian, x: exponent, dx: dExponent))
                    ops.append(.erf(v: v, x: x, dx: derivative(a), gaussian: gaussian, scale: newSlot(), function: f))
                case .abs:
                    ops.append(.abs(v: v, x: x, choice: kinks.count))
                    let (argument, sign) = SwitchingArgument.of(a, nil, isZero: isLiteralZero)
                    kinks.append(Kink(kind: .abs, register: i, a: x, b: nil, argument: argument, sign: sign))
                case .sign:
                    // x/abs(x) on abs's branch: an abs of x (its own kink, switching where x does) in a buffer of its
                    // own, then its branch sign (NaN while undecided, as x/abs(x) at x = 0).
                    ops.append(.abs(v: newBuffer(), x: x, choice: kinks.count))
                    let (argument, sign) = SwitchingArgument.of(a, nil, isZero: isLiteralZero)
                    kinks.append(Kink(kind: .abs, register: i, a: x, b: nil, argument: argument, sign: sign))
                    ops.append(.branchSign(v: v, choice: kinks.count - 1))
                }
            case .binaryFunction(let f, let a, let b):
                switch f {
                case .pow:
                    if isConstant[b] {
                        let dx = derivative(a), dv = newBuffer()
                        derivativeOf[i] = dv
                        ops.append(.realPower(v: v, x: offset(a), dx: dx, dv: dv, alpha: offset(b), exponent: offset(b)))
                    } else {
                        // x^y = exp(y log x): L = log x, P = y L, v = exp(P) with v_0 = pow(x_0, y_0).
                        let logBuffer = newBuffer(), dLog = newBuffer(), product = newBuffer(), dProduct = newBuffer()
                        ops.append(.log(v: logBuffer, x: offset(a), dx: derivative(a), dv: dLog, y0: offset(a), onePlus: false))
                        if isConstant[a] { ops.append(.scale(v: product, a: offset(b), c: logBuffer)) }
                        else { ops.append(.multiply(v: product, a: offset(b), b: logBuffer)) }
                        ops.append(.derivative(d: dProduct, x: product))
                        ops.append(.powExp(v: v, x: offset(a), y: offset(b), dP: dProduct))
                    }
                case .atan2:
                    let dy = derivative(a), dx = derivative(b), dv = newBuffer()
                    derivativeOf[i] = dv
                    ops.append(.atan2(v: v, y: offset(a), x: offset(b), dy: dy, dx: dx, w: newBuffer(), dv: dv))
                    branchCuts.append((y: offset(a), x: offset(b)))
                case .min, .max:
                    ops.append(.minMax(v: v, a: offset(a), b: offset(b), isMax: f == .max, choice: kinks.count))
                    let (argument, sign) = SwitchingArgument.of(a, b, isZero: isLiteralZero)
                    kinks.append(Kink(kind: f == .max ? .max : .min, register: i, a: offset(a), b: offset(b), argument: argument, sign: sign))
                }
            }
        }

        // Every value gets its own storage at the context's precision (no shared storage, no later copies).
        let zero = context.constant(0)
        var store = [V](repeating: zero, count: size)
        for j in store.indices { store[j] = zero + zero }
        for k in 0...order { store[integersOffset + k] = context.constant(k) }
        // Order-0 values of the constant registers (later orders stay zero).
        for (i, instruction) in instructions.enumerated() where isConstant[i] {
            let r = offset(i)
            func at(_ register: Int) -> V { store[offset(register)] }
            let value: V
            switch instruction {
            case .matrixEntry: continue   // written with its block
            case .matrixFunction(let f, let size, let matrix, let exponent):
                let values = context.apply(f, matrix.map(at), size: size, exponent: exponent.map(at))
                for (entry, value) in values.enumerated() { store[offset(i + entry)] = value + zero }
                continue
            case .constant(let q): value = context.constant(q)
            case .pi: value = context.pi
            case .input(let slot): value = parameterValues[slot - stateSlotCount]
            case .add(let a, let b): value = at(a) + at(b)
            case .subtract(let a, let b): value = at(a) - at(b)
            case .multiply(let a, let b): value = at(a) * at(b)
            case .divide(let a, let b): value = at(a) / at(b)
            case .negate(let a): value = -at(a)
            case .function(let f, let a): value = V.apply(f, at(a))
            case .binaryFunction(let f, let a, let b): value = V.apply(f, at(a), at(b))
            case .powerInt(let a, let n): value = n == 0 ? context.constant(1) : V.pow(at(a), n)
            }
            store[r] = value + zero
        }
        if hasTime {
            let t = offset(registerOfSlot[tape.inputs.count - 1])
            if order >= 1 { store[t + 1] = context.constant(1) }
            self.timeOffset = t
        } else {
            self.timeOffset = nil
        }
        for op in ops {
            switch op {
            case .realPower(_, _, _, _, let alpha, nil): store[alpha] = context.constant(BigRational(1, 3))
            case .erf(_, _, _, _, let scale, let f):
                let c = context.constant(2) / V.sqrt(context.pi)
                store[scale] = f == .erfc ? -c : c
            default: break
            }
        }
        for block in matrixExponentialBlocks {
            var factorial = BigRational(1)
            for (i, slot) in block.reciprocalFactorials.enumerated() {
                if i > 0 { factorial = factorial * BigRational(i) }
                store[slot] = context.constant(BigRational(1) / factorial)
            }
        }
        self.store = store
        self.ops = ops
        self.matrixBlocks = matrixBlocks
        self.matrixPowerBlocks = matrixPowerBlocks
        self.matrixExponentialBlocks = matrixExponentialBlocks
        self.dots = dots
        self.context = context
        self.choices = [Int](repeating: 0, count: kinks.count)
        self.pinned = self.choices
        self.kinks = kinks
        self.branchCuts = branchCuts
        self.stateOffsets = (0..<stateSlotCount).map { offset(registerOfSlot[$0]) }
        self.rightHandSideOffsets = tape.outputs.flatMap { $0 }.map(offset)
        self.integersOffset = integersOffset
        self.bufferOffsets = bufferOffsets
        self.scratch = scratch
    }

    /// The exponent of sqrtm (1/2) or powm as m/N with N <= `IntervalContext.largestRootDegree`: a rational
    /// written in the file (constants and arithmetic on them) or a parameter whose value is such a rational
    /// in this context; else the integrator has no recurrence (see `MatrixPowerBlock`) and says so.
    static func rootExponent(_ f: MatrixFunction, _ exponent: Int?, _ instructions: [Tape.Instruction], _ parameterValues: [V],
                             _ stateSlotCount: Int, _ context: Context) throws -> (numerator: Int, degree: Int) {
        guard let exponent else { return (1, 2) }
        func exact(_ r: Int) -> BigRational? {
            switch instructions[r] {
            case .constant(let q): return q
            case .negate(let a): return exact(a).map { -$0 }
            case .add(let a, let b): return exact(a).flatMap { x in exact(b).map { x + $0 } }
            case .subtract(let a, let b): return exact(a).flatMap { x in exact(b).map { x - $0 } }
            case .multiply(let a, let b): return exact(a).flatMap { x in exact(b).map { x * $0 } }
            case .divide(let a, let b): return exact(a).flatMap { x in exact(b).flatMap { $0 == BigRational(0) ? nil : x / $0 } }
            case .input(let slot) where slot >= stateSlotCount && slot - stateSlotCount < parameterValues.count:
                let value = parameterValues[slot - stateSlotCount]
                guard let (m, n) = IntervalContext.smallRational(near: value.doubleValue) else { return nil }
                let q = BigRational(m, n)
                return (value - context.constant(q)).doubleValue == 0 ? q : nil
            default: return nil
            }
        }
        guard let q = exact(exponent), let (m, n) = q.smallParts, n <= IntervalContext.largestRootDegree, Swift.abs(m) <= 64 else {
            throw IntegrationError(reason: .invalidInput, time: nil, message: "`powm` of a matrix that changes with the state or the time is integrated for a rational exponent m/N with N <= \(IntervalContext.largestRootDegree) and |m| <= 64 written in the file (such as 1/3 or -2/3); write its exponent so")
        }
        return (m, n)
    }

    /// x/abs(x) and abs(x)/x, the language's way to write sign(x): the constant +-1 of abs's branch. (The
    /// quotient's recurrence would divide by x_0, which is zero up to rounding where a step starts at x's
    /// switch, and amplify the rounding order by order.)
    static func signChoice(_ instructions: [Tape.Instruction], _ a: Int, _ b: Int, _ kinks: [Kink]) -> Int? {
        for (numerator, denominator) in [(a, b), (b, a)] {
            if case .function(.abs, let x) = instructions[denominator], x == numerator {
                return kinks.firstIndex { $0.register == denominator }
            }
        }
        return nil
    }

    /// Computes every Taylor coefficient up to `order` of the solution through `state` at `time` (up to `lastOrder`
    /// if given: the a priori enclosure of a validated step reads the field, order 1, on its trial boxes).
    ///
    /// With a `deadline`, stops as soon as it has passed (checked every few orders: at thousands of digits
    /// one step takes minutes) and returns false; the coefficients are then incomplete.
    @_specialize(where Context == DoubleContext)
    @_specialize(where Context == MPFRContext)
    mutating func computeCoefficients(state: [V], time: V?, deadline: ContinuousClock.Instant? = nil, through lastOrder: Int? = nil) -> Bool {
        let ops = self.ops, order = Swift.min(self.order, lastOrder ?? self.order)
        let stateOffsets = self.stateOffsets, rhs = self.rightHandSideOffsets
        let ints = integersOffset, timeOffset = self.timeOffset, direction = self.direction
        let blocks = matrixBlocks, powers = matrixPowerBlocks, exponentials = matrixExponentialBlocks, dots = self.dots
        let context = self.context
        var choices = pinned
        var sc = scratch
        let table = MPFRSlots.table(for: &store)
        defer { table?.deallocate() }
        sc.slots = table.map(MPFRSlots.init)
        if let policy = relaxedProducts, table != nil, context.precision >= policy.smallestBits, order >= policy.smallestOrder {
            sc.relaxed = RelaxedProducts(smallestBlock: policy.smallestBlock, lastOrder: order - 1, accumulatorBits: context.precision,
                                         splitsBlocks: policy.splitsBlocks, fusesDots: policy.fusesDots)
        }
        let finished = store.withUnsafeMutableBufferPointer { s -> Bool in
            for (i, x) in stateOffsets.enumerated() { V.add(state[i], s[sc.zero], into: &s[x]) }
            if let timeOffset, let time { V.add(time, s[sc.zero], into: &s[timeOffset]) }
            for op in ops { Self.run(op, order: 0, s, sc, ints, &choices, direction, blocks, powers, exponentials, dots, context) }
            for k in 1...order {
                for (x, f) in zip(stateOffsets, rhs) { V.divide(s[f + k - 1], s[ints + k], into: &s[x + k]) }
                if k == order { break }
                if let deadline, k % Self.ordersBetweenClockReads == 0, ContinuousClock.now > deadline { return false }
                for op in ops { Self.run(op, order: k, s, sc, ints, &choices, direction, blocks, powers, exponentials, dots, context) }
            }
            return true
        }
        self.choices = choices
        return finished
    }

    /// One op; matrix functions need the context and the blocks, sums of products their factors.
    @inline(__always)
    private static func run(_ op: TaylorOp, order k: Int, _ s: Buffer, _ sc: Scratch, _ ints: Int,
                            _ choices: inout [Int], _ direction: Int, _ blocks: [MatrixBlock], _ powers: [MatrixPowerBlock],
                            _ exponentials: [MatrixExponentialBlock], _ dots: [SeriesDot], _ context: Context) {
        if case .matrix(let index) = op { matrixCoefficients(blocks[index], order: k, s, sc, ints, context) }
        else if case .matrixPower(let index) = op { matrixPowerCoefficients(powers[index], order: k, s, sc, context) }
        else if case .matrixExponential(let index) = op { exponentialCoefficients(exponentials[index], order: k, s, sc, context) }
        else if case .dot(let v, let index) = op { dotCoefficient(dots[index], into: v, order: k, s, sc) }
        else { run(op, order: k, s, sc, ints, &choices, direction) }
    }

    /// Orders computed between two reads of the clock against a deadline: order k costs about k products
    /// per operation, so from order 8 on a read is a small fraction of the work it guards.
    static var ordersBetweenClockReads: Int { 8 }

    /// Gives every coefficient of order k the precision `plan[k]` (scalar slots keep the context's), keeping
    /// the values held, rounded. `zero(p)` makes a zero of precision p.
    mutating func regrade(_ plan: [Int], zero: (Int) -> V) {
        let zeroSlot = scratch.zero
        for b in bufferOffsets {
            for k in 0...order {
                var fresh = zero(plan[k])
                V.add(store[b + k], store[zeroSlot], into: &fresh)
                store[b + k] = fresh
            }
        }
    }

    /// Coefficient k of a kink's switching argument (k < order).
    /// Each atan2's (y, x) in the last `computeCoefficients` (order 0).
    var branchCutArguments: [(y: V, x: V)] { branchCuts.map { (y: store[$0.y], x: store[$0.x]) } }

    func switchingCoefficient(_ kink: Kink, _ k: Int) -> V {
        guard let b = kink.b else { return store[kink.a + k] }
        return store[kink.a + k] - store[b + k]
    }

    /// Whether a matrix power (sqrtm, powm) had no root in the last `computeCoefficients`: the symmetric part
    /// of its argument was not positive definite (its eigenvalues' roots are NaN).
    var hasUndefinedMatrixPower: Bool {
        matrixPowerBlocks.contains { block in block.rootPowers[0].contains { !store[$0].isFinite } }
    }

    /// Whether an `expm` had an argument too large for its squarings (||A_0|| over 2^11) in the last
    /// `computeCoefficients`; its coefficients are then NaN.
    var hasOversizedExponential: Bool {
        matrixExponentialBlocks.contains { store[$0.squaringCount].doubleValue < 0 }
    }

    /// The longest step over which every `expm` keeps its accuracy, sum_i ||A_i|| h^i <= 2^(s-j) (see
    /// `MatrixExponentialBlock`), from A's coefficients of the orders below `order`; infinity without `expm`.
    var exponentialStepLimit: Double {
        var limit = Double.infinity
        for block in matrixExponentialBlocks {
            let algebra = MatrixAlgebra(context: context, size: block.size)
            let norms = (0..<order).map { k in algebra.normEstimate(block.matrix.map { store[$0 + k] }) }
            let bound = exp2(Double(Int(store[block.squaringCount].doubleValue) - block.reduction))
            func majorant(_ h: Double) -> Double { norms.reversed().reduce(0) { $0 * h + $1 } }
            guard majorant(exp2(64)) > bound else { continue }
            var lower = -64.0, upper = 64.0   // log2 of the step, bisected
            for _ in 0..<60 {
                let middle = (lower + upper) / 2
                if majorant(exp2(middle)) <= bound { lower = middle } else { upper = middle }
            }
            limit = Swift.min(limit, exp2(lower))
        }
        return limit
    }

    /// Coefficient k of state slot i.
    func stateCoefficient(_ i: Int, _ k: Int) -> V { store[stateOffsets[i] + k] }

    /// Writes sum_k x_k tau^k for state slot i into `result` (Horner), without allocating.
    @_specialize(where Context == DoubleContext)
    @_specialize(where Context == MPFRContext)
    mutating func evaluateState(_ i: Int, at tau: V, into result: inout V) {
        let base = stateOffsets[i], order = self.order, sc = scratch
        store.withUnsafeMutableBufferPointer { s in
            V.add(s[base + order], s[sc.zero], into: &result)
            for k in Swift.stride(from: order - 1, through: 0, by: -1) {
                V.multiply(result, tau, into: &s[sc.t(0)])
                V.add(s[sc.t(0)], s[base + k], into: &result)
            }
        }
    }
}
