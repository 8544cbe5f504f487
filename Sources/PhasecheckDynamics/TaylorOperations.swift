import PhasecheckExpressions
import PhasecheckNumbers

/// The coefficient recurrence of each tape operation, order by order (see `TaylorCoefficientEngine`).
extension TaylorCoefficientEngine {
    typealias Buffer = UnsafeMutableBufferPointer<V>

    /// Swaps two slots (and their `mpfr_t` pointers, so that `sc.slots` stays true).
    @inline(__always)
    static func swapSlots(_ s: Buffer, _ sc: Scratch, _ i: Int, _ j: Int) {
        s.swapAt(i, j)
        sc.slots?.swapAt(i, j)
    }

    /// s[r] = sum_{j=lo..hi} s[a + j] s[b + k - j] (zero when lo > hi).
    @inline(__always)
    static func cauchy(_ s: Buffer, _ a: Int, _ b: Int, _ lo: Int, _ hi: Int, _ k: Int, into r: Int, _ sc: Scratch) {
        guard lo <= hi else { V.add(s[sc.zero], s[sc.zero], into: &s[r]); return }
        if let slots = sc.slots {
            if let relaxed = sc.relaxed, relaxed.applies(atOrder: k) {
                relaxed.cauchy(slots, a, b, lo, hi, k, into: r, temporary: sc.t(k))
                return
            }
            slots.cauchy(a, b, lo, hi, k, into: r, temporary: sc.t(k))
            return
        }
        V.multiply(s[a + lo], s[b + k - lo], into: &s[r])
        var j = lo + 1
        while j <= hi {
            V.multiply(s[a + j], s[b + k - j], into: &s[sc.t(k)])
            V.add(s[r], s[sc.t(k)], into: &s[sc.spare(k)])
            swapSlots(s, sc, r, sc.spare(k))
            j += 1
        }
    }

    /// s[r] = sum_{j=lo..k-lo} s[a + j] s[a + k - j], using the symmetry (about half the products).
    @inline(__always)
    static func squareSum(_ s: Buffer, _ a: Int, _ lo: Int, _ k: Int, into r: Int, _ sc: Scratch) {
        let hi = k - lo
        guard lo <= hi else { V.add(s[sc.zero], s[sc.zero], into: &s[r]); return }
        if let slots = sc.slots, let relaxed = sc.relaxed, relaxed.applies(atOrder: k) {
            relaxed.cauchy(slots, a, a, lo, hi, k, into: r, temporary: sc.t(k))
            return
        }
        let half = (hi - lo + 1) / 2   // number of pairs j < k - j
        if half > 0 {
            cauchy(s, a, a, lo, lo + half - 1, k, into: r, sc)
            V.add(s[r], s[r], into: &s[sc.spare(k)])
            swapSlots(s, sc, r, sc.spare(k))
            if (hi - lo) % 2 == 0 {
                V.multiply(s[a + k / 2], s[a + k / 2], into: &s[sc.t(k)])
                V.add(s[r], s[sc.t(k)], into: &s[sc.spare(k)])
                swapSlots(s, sc, r, sc.spare(k))
            }
        } else {
            V.multiply(s[a + k / 2], s[a + k / 2], into: &s[r])
        }
    }

    @inline(__always)
    static func run(_ op: TaylorOp, order k: Int, _ s: Buffer, _ sc: Scratch, _ ints: Int,
                    _ choices: inout [Int], _ direction: Int) {
        switch op {
        case .matrix, .matrixPower, .matrixExponential, .dot: preconditionFailure("matrix functions and sums of products run in matrixCoefficients and dotCoefficient")
        case .derivative(let d, let x):
            if k > 0 { V.multiply(s[x + k], s[ints + k], into: &s[d + k]) }
        case .copy(let v, let x):
            V.add(s[x + k], s[sc.zero], into: &s[v + k])
        case .add(let v, let a, let b):
            V.add(s[a + k], s[b + k], into: &s[v + k])
        case .subtract(let v, let a, let b):
            V.subtract(s[a + k], s[b + k], into: &s[v + k])
        case .negate(let v, let a):
            V.negate(s[a + k], into: &s[v + k])
        case .scale(let v, let a, let c):
            V.multiply(s[a + k], s[c], into: &s[v + k])
        case .multiply(let v, let a, let b):
            cauchy(s, a, b, 0, k, k, into: v + k, sc)
        case .square(let v, let a):
            squareSum(s, a, 0, k, into: v + k, sc)
        case .divideByConstant(let v, let a, let c):
            V.divide(s[a + k], s[c], into: &s[v + k])
        case .divide(let v, let a, let b):
            // b v = a:  v_k = (a_k - sum_{j=1..k} b_j v_{k-j}) / b_0
            if k == 0 { V.divide(s[a], s[b], into: &s[v]); return }
            cauchy(s, b, v, 1, k, k, into: sc.r(k), sc)
            V.subtract(s[a + k], s[sc.r(k)], into: &s[sc.u(k)])
            V.divide(s[sc.u(k)], s[b], into: &s[v + k])
        case .reciprocal(let v, let a):
            if k == 0 { V.divide(s[sc.one], s[a], into: &s[v]); return }
            cauchy(s, a, v, 1, k, k, into: sc.r(k), sc)
            V.divide(s[sc.r(k)], s[a], into: &s[sc.u(k)])
            V.negate(s[sc.u(k)], into: &s[v + k])
        case .exp(let v, let x, let dx):
            // v' = x' v:  D(v)_k = sum_{j=1..k} D(x)_j v_{k-j}
            if k == 0 { V.apply(.exp, s[x], into: &s[v]); return }
            cauchy(s, dx, v, 1, k, k, into: sc.r(k), sc)
            V.divide(s[sc.r(k)], s[ints + k], into: &s[v + k])
        case .expm1(let v, let x, let dx):
            // v' = x' (v + 1)
            if k == 0 { V.apply(.expm1, s[x], into: &s[v]); return }
            cauchy(s, dx, v, 1, k, k, into: sc.r(k), sc)
            V.add(s[sc.r(k)], s[dx + k], into: &s[sc.u(k)])
            V.divide(s[sc.u(k)], s[ints + k], into: &s[v + k])
        case .erf(let v, let x, let dx, let gaussian, let scale, let function):
            // v' = x' c g with g = exp(-x^2):  D(v)_k = c sum_{j=1..k} D(x)_j g_{k-j}
            if k == 0 { V.apply(function, s[x], into: &s[v]); return }
            cauchy(s, dx, gaussian, 1, k, k, into: sc.r(k), sc)
            V.multiply(s[sc.r(k)], s[scale], into: &s[sc.u(k)])
            V.divide(s[sc.u(k)], s[ints + k], into: &s[v + k])
        case .powExp(let v, let x, let y, let dP):
            if k == 0 { V.apply(.pow, s[x], s[y], into: &s[v]); return }
            cauchy(s, dP, v, 1, k, k, into: sc.r(k), sc)
            V.divide(s[sc.r(k)], s[ints + k], into: &s[v + k])
        case .log(let v, let x, let dx, let dv, let y0, let onePlus):
            // y v' = y' with y = x (or 1 + x):  y_0 D(v)_k = D(x)_k - sum_{j=1..k-1} x_j D(v)_{k-j}
            if k == 0 {
                V.apply(onePlus ? .log1p : .log, s[x], into: &s[v])
                if onePlus { V.add(s[sc.one], s[x], into: &s[y0]) }
                return
            }
            if k == 1 {
                V.divide(s[dx + 1], s[y0], into: &s[dv + 1])
            } else {
                cauchy(s, x, dv, 1, k - 1, k, into: sc.r(k), sc)
                V.subtract(s[dx + k], s[sc.r(k)], into: &s[sc.u(k)])
                V.divide(s[sc.u(k)], s[y0], into: &s[dv + k])
            }
            V.divide(s[dv + k], s[ints + k], into: &s[v + k])
        case .sinCos(let sn, let cs, let x, let dx, let hyperbolic):
            // sin' = x' cos, cos' = -x' sin (sinh' = x' cosh, cosh' = x' sinh)
            if k == 0 {
                V.apply(hyperbolic ? .sinh : .sin, s[x], into: &s[sn])
                V.apply(hyperbolic ? .cosh : .cos, s[x], into: &s[cs])
                return
            }
            cauchy(s, dx, cs, 1, k, k, into: sc.r(k), sc)
            V.divide(s[sc.r(k)], s[ints + k], into: &s[sn + k])
            cauchy(s, dx, sn, 1, k, k, into: sc.r(k), sc)
            if hyperbolic {
                V.divide(s[sc.r(k)], s[ints + k], into: &s[cs + k])
            } else {
                V.divide(s[sc.r(k)], s[ints + k], into: &s[sc.u(k)])
                V.negate(s[sc.u(k)], into: &s[cs + k])
            }
        case .tan(let v, let x, let dx, let w, let hyperbolic):
            // v' = x' w with w = 1 + v^2 (tan) or 1 - v^2 (tanh)
            if k == 0 {
                V.apply(hyperbolic ? .tanh : .tan, s[x], into: &s[v])
                V.multiply(s[v], s[v], into: &s[sc.t(k)])
                if hyperbolic { V.subtract(s[sc.one], s[sc.t(k)], into: &s[w]) } else { V.add(s[sc.one], s[sc.t(k)], into: &s[w]) }
                return
            }
            cauchy(s, dx, w, 1, k, k, into: sc.r(k), sc)
            V.divide(s[sc.r(k)], s[ints + k], into: &s[v + k])
            if hyperbolic {
                squareSum(s, v, 0, k, into: sc.r(k), sc)
                V.negate(s[sc.r(k)], into: &s[w + k])
            } else {
                squareSum(s, v, 0, k, into: w + k, sc)
            }
        case .inverseTangent(let v, let x, let dx, let w, let dv, let hyperbolic):
            // w v' = x' with w = 1 + x^2 (atan) or 1 - x^2 (atanh)
            if k == 0 {
                V.apply(hyperbolic ? .atanh : .atan, s[x], into: &s[v])
                V.multiply(s[x], s[x], into: &s[sc.t(k)])
                if hyperbolic { V.subtract(s[sc.one], s[sc.t(k)], into: &s[w]) } else { V.add(s[sc.one], s[sc.t(k)], into: &s[w]) }
                return
            }
            if hyperbolic {
                squareSum(s, x, 0, k, into: sc.r(k), sc)
                V.negate(s[sc.r(k)], into: &s[w + k])
            } else {
                squareSum(s, x, 0, k, into: w + k, sc)
            }
            Self.solveLinear(s, w: w, dv: dv, numerator: dx + k, negateNumerator: false, k, sc)
            V.divide(s[dv + k], s[ints + k], into: &s[v + k])
        case .inverseSine(let v, let x, let dx, let w, let dv, let twoW0, let function):
            // w v' = +-x' with w = sqrt(q), q = 1 - x^2 (asin, acos), 1 + x^2 (asinh), x^2 - 1 (acosh)
            let negativeSquare = function == .asin || function == .acos
            if k == 0 {
                V.apply(function, s[x], into: &s[v])
                V.multiply(s[x], s[x], into: &s[sc.t(k)])
                switch function {
                case .asinh: V.add(s[sc.one], s[sc.t(k)], into: &s[sc.u(k)])
                case .acosh: V.subtract(s[sc.t(k)], s[sc.one], into: &s[sc.u(k)])
                default: V.subtract(s[sc.one], s[sc.t(k)], into: &s[sc.u(k)])
                }
                V.apply(.sqrt, s[sc.u(k)], into: &s[w])
                V.add(s[w], s[w], into: &s[twoW0])
                return
            }
            // 2 w_0 w_k = q_k - sum_{j=1..k-1} w_j w_{k-j}
            squareSum(s, x, 0, k, into: sc.r(k), sc)
            if k >= 2 {
                squareSum(s, w, 1, k, into: sc.u(k), sc)
                if negativeSquare { V.add(s[sc.r(k)], s[sc.u(k)], into: &s[sc.spare(k)]); V.negate(s[sc.spare(k)], into: &s[sc.r(k)]) }
                else { V.subtract(s[sc.r(k)], s[sc.u(k)], into: &s[sc.spare(k)]); swapSlots(s, sc, sc.r(k), sc.spare(k)) }
            } else if negativeSquare {
                V.negate(s[sc.r(k)], into: &s[sc.spare(k)]); swapSlots(s, sc, sc.r(k), sc.spare(k))
            }
            V.divide(s[sc.r(k)], s[twoW0], into: &s[w + k])
            Self.solveLinear(s, w: w, dv: dv, numerator: dx + k, negateNumerator: function == .acos, k, sc)
            V.divide(s[dv + k], s[ints + k], into: &s[v + k])
        case .sqrt(let v, let x, let twoV0):
            // v^2 = x:  2 v_0 v_k = x_k - sum_{j=1..k-1} v_j v_{k-j}
            if k == 0 {
                V.apply(.sqrt, s[x], into: &s[v])
                V.add(s[v], s[v], into: &s[twoV0])
                return
            }
            if k == 1 {
                V.divide(s[x + 1], s[twoV0], into: &s[v + 1])
            } else {
                squareSum(s, v, 1, k, into: sc.r(k), sc)
                V.subtract(s[x + k], s[sc.r(k)], into: &s[sc.u(k)])
                V.divide(s[sc.u(k)], s[twoV0], into: &s[v + k])
            }
        case .realPower(let v, let x, let dx, let dv, let alpha, let exponent):
            // v = x^alpha, x v' = alpha x' v:
            // x_0 D(v)_k = alpha sum_{j=1..k} D(x)_j v_{k-j} - sum_{j=1..k-1} x_j D(v)_{k-j}
            if k == 0 {
                if let exponent { V.apply(.pow, s[x], s[exponent], into: &s[v]) } else { V.apply(.cbrt, s[x], into: &s[v]) }
                return
            }
            cauchy(s, dx, v, 1, k, k, into: sc.r(k), sc)
            V.multiply(s[sc.r(k)], s[alpha], into: &s[sc.u(k)])
            if k >= 2 {
                cauchy(s, x, dv, 1, k - 1, k, into: sc.r(k), sc)
                V.subtract(s[sc.u(k)], s[sc.r(k)], into: &s[sc.spare(k)])
                swapSlots(s, sc, sc.u(k), sc.spare(k))
            }
            V.divide(s[sc.u(k)], s[x], into: &s[dv + k])
            V.divide(s[dv + k], s[ints + k], into: &s[v + k])
        case .abs(let v, let x, let choice):
            // |x| = s x on the branch s = sign(x), decided (unless pinned) from the first nonzero coefficient
            // on the side integrated to.
            if choices[choice] == 0 { choices[choice] = exactSign(s[x + k]) * (direction < 0 && k % 2 == 1 ? -1 : 1) }
            switch choices[choice] {
            case 0 where k == 0: V.apply(.abs, s[x], into: &s[v])
            case ..<0: V.negate(s[x + k], into: &s[v + k])
            default: V.add(s[x + k], s[sc.zero], into: &s[v + k])
            }
        case .minMax(let v, let a, let b, let isMax, let choice):
            // The branch is the sign of a - b (decided like abs's): max takes a on the positive side, min on
            // the negative side; while a and b agree in every coefficient so far, either will do.
            if choices[choice] == 0 {
                V.subtract(s[a + k], s[b + k], into: &s[sc.t(k)])
                choices[choice] = exactSign(s[sc.t(k)]) * (direction < 0 && k % 2 == 1 ? -1 : 1)
            }
            let takesA = choices[choice] == 0 || (choices[choice] > 0) == isMax
            V.add(s[takesA ? a + k : b + k], s[sc.zero], into: &s[v + k])
        case .branchSign(let v, let choice):
            // +-1 on abs's branch (NaN while undecided: x/abs(x) at x = 0).
            if k > 0 { V.add(s[sc.zero], s[sc.zero], into: &s[v + k]); return }
            switch choices[choice] {
            case 0: V.divide(s[sc.zero], s[sc.zero], into: &s[v])
            case ..<0: V.negate(s[sc.one], into: &s[v])
            default: V.add(s[sc.one], s[sc.zero], into: &s[v])
            }
        case .atan2(let v, let y, let x, let dy, let dx, let w, let dv):
            // (x^2 + y^2) v' = x y' - y x'
            if k == 0 {
                V.apply(.atan2, s[y], s[x], into: &s[v])
                V.multiply(s[x], s[x], into: &s[sc.t(k)])
                V.multiply(s[y], s[y], into: &s[sc.u(k)])
                V.add(s[sc.t(k)], s[sc.u(k)], into: &s[w])
                return
            }
            squareSum(s, x, 0, k, into: sc.r(k), sc)
            squareSum(s, y, 0, k, into: sc.u(k), sc)
            V.add(s[sc.r(k)], s[sc.u(k)], into: &s[w + k])
            cauchy(s, x, dy, 0, k - 1, k, into: sc.r(k), sc)
            cauchy(s, y, dx, 0, k - 1, k, into: sc.u(k), sc)
            V.subtract(s[sc.r(k)], s[sc.u(k)], into: &s[sc.spare(k)])
            swapSlots(s, sc, sc.u(k), sc.spare(k))   // numerator N_k now in sc.u(k)
            if k >= 2 {
                cauchy(s, w, dv, 1, k - 1, k, into: sc.r(k), sc)
                V.subtract(s[sc.u(k)], s[sc.r(k)], into: &s[sc.spare(k)])
                swapSlots(s, sc, sc.u(k), sc.spare(k))
            }
            V.divide(s[sc.u(k)], s[w], into: &s[dv + k])
            V.divide(s[dv + k], s[ints + k], into: &s[v + k])
        }
    }

    /// w v' = +-x':  w_0 D(v)_k = +-D(x)_k - sum_{j=1..k-1} w_j D(v)_{k-j}.
    @inline(__always)
    static func solveLinear(_ s: Buffer, w: Int, dv: Int, numerator: Int, negateNumerator: Bool, _ k: Int, _ sc: Scratch) {
        if k >= 2 {
            cauchy(s, w, dv, 1, k - 1, k, into: sc.r(k), sc)
            if negateNumerator {
                V.add(s[numerator], s[sc.r(k)], into: &s[sc.spare(k)])
                V.negate(s[sc.spare(k)], into: &s[sc.u(k)])
            } else {
                V.subtract(s[numerator], s[sc.r(k)], into: &s[sc.u(k)])
            }
        } else if negateNumerator {
            V.negate(s[numerator], into: &s[sc.u(k)])
        } else {
            V.add(s[numerator], s[sc.zero], into: &s[sc.u(k)])
        }
        V.divide(s[sc.u(k)], s[w], into: &s[dv + k])
    }
}

/// One step of the coefficient program; every field is an offset into the engine's store.
enum TaylorOp: Sendable {
    case derivative(d: Int, x: Int)
    case copy(v: Int, x: Int)
    case add(v: Int, a: Int, b: Int)
    case subtract(v: Int, a: Int, b: Int)
    case negate(v: Int, a: Int)
    /// Multiplication by a register that is constant in time (`c` is its order-0 slot).
    case scale(v: Int, a: Int, c: Int)
    case multiply(v: Int, a: Int, b: Int)
    case square(v: Int, a: Int)
    case divideByConstant(v: Int, a: Int, c: Int)
    case divide(v: Int, a: Int, b: Int)
    case reciprocal(v: Int, a: Int)
    case exp(v: Int, x: Int, dx: Int)
    case expm1(v: Int, x: Int, dx: Int)
    /// erf or erfc of x; `gaussian` holds exp(-x^2), `scale` the slot of +-2/sqrt(pi) (minus for erfc).
    case erf(v: Int, x: Int, dx: Int, gaussian: Int, scale: Int, function: ElementaryFunction)
    /// exp of P = y log x with D(P) given; order 0 is pow(x_0, y_0).
    case powExp(v: Int, x: Int, y: Int, dP: Int)
    /// `y0` is the slot of 1 + x_0 (log1p) or x's own order-0 slot (log).
    case log(v: Int, x: Int, dx: Int, dv: Int, y0: Int, onePlus: Bool)
    case sinCos(s: Int, c: Int, x: Int, dx: Int, hyperbolic: Bool)
    case tan(v: Int, x: Int, dx: Int, w: Int, hyperbolic: Bool)
    case inverseTangent(v: Int, x: Int, dx: Int, w: Int, dv: Int, hyperbolic: Bool)
    case inverseSine(v: Int, x: Int, dx: Int, w: Int, dv: Int, twoW0: Int, function: ElementaryFunction)
    case sqrt(v: Int, x: Int, twoV0: Int)
    /// x^alpha for a time-constant alpha; `exponent` nil means cbrt (alpha = 1/3).
    case realPower(v: Int, x: Int, dx: Int, dv: Int, alpha: Int, exponent: Int?)
    case abs(v: Int, x: Int, choice: Int)
    case minMax(v: Int, a: Int, b: Int, isMax: Bool, choice: Int)
    /// x/abs(x) or abs(x)/x: the branch sign of the abs with this choice index.
    case branchSign(v: Int, choice: Int)
    case atan2(v: Int, y: Int, x: Int, dy: Int, dx: Int, w: Int, dv: Int)
    /// A matrix function (see `MatrixBlock`), by its index in the engine's `matrixBlocks`.
    case matrix(Int)
    /// A matrix power (see `MatrixPowerBlock`), by its index in the engine's `matrixPowerBlocks`.
    case matrixPower(Int)
    /// A matrix exponential (see `MatrixExponentialBlock`), by its index in the engine's `matrixExponentialBlocks`.
    case matrixExponential(Int)
    /// A sum of products of series (see `SeriesDot`), by its index in the engine's `dots`.
    case dot(v: Int, Int)
}

/// A piecewise function of the tape, smooth on either side of the zero set of its switching argument:
/// x for abs(x), a - b for min(a, b) and max(a, b). `a` and `b` are coefficient-buffer offsets.
struct Kink: Sendable {
    let kind: SwitchingFunction
    /// The tape register the function writes.
    let register: Int
    let a: Int, b: Int?
    /// The switching argument up to its sign, by tape registers (see `SwitchingArgument`).
    let argument: SwitchingArgument
    /// This function's argument is `sign` times the shared one (max(0, z) switches where abs(z) does, with -z).
    let sign: Int
}

/// The switching argument of a piecewise function as a difference of tape registers, `plus - minus` (minus
/// nil: the register alone), with the smaller register first when both are there and a literal 0 dropped.
/// Functions with the same argument (abs(z), max(z, 0), min(0, z), z/abs(z)) switch at the same instants.
struct SwitchingArgument: Hashable, Sendable {
    let plus: Int, minus: Int?

    /// The argument of a function of registers a and b (b nil for abs), where `isZero` tells a literal 0; and
    /// the sign that takes the shared argument to this function's.
    static func of(_ a: Int, _ b: Int?, isZero: (Int) -> Bool) -> (argument: SwitchingArgument, sign: Int) {
        guard let b else { return (SwitchingArgument(plus: a, minus: nil), 1) }
        if isZero(b) { return (SwitchingArgument(plus: a, minus: nil), 1) }
        if isZero(a) { return (SwitchingArgument(plus: b, minus: nil), -1) }
        return a < b ? (SwitchingArgument(plus: a, minus: b), 1) : (SwitchingArgument(plus: b, minus: a), -1)
    }
}
