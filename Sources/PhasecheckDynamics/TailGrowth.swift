import PhasecheckExpressions
import PhasecheckNumbers

/// A bound of a tape's first output F(z) on a normal tail, z = sigma t with t in [L, inf) (sigma = 1 on the right, -1 on
/// the left), that holds where F grows like a power of t: every register is enclosed as t^k times an interval I, for
/// one integer k per register, which interval arithmetic on [L, inf) cannot do (z tanh z there is [L tanh L, inf)).
/// Then the tail's integral lies in I times the exact moment M_k(L) = integral over [L, inf) of t^k phi(t) (`moment`).
///
/// The rules, t^d lying in (0, L^d] for d <= 0: a sum takes the larger power, the other term scaled by t^(k' - k); a
/// product adds the powers, a quotient subtracts them, an integer power multiplies them; abs, max and min keep the
/// power (t^k > 0 commutes with them), sqrt halves an even one; any other function is evaluated on the register's
/// whole range, t^k I with t in [L, inf), and has power 0: bounded functions (tanh, erf, sign) stay bounded, exp of a
/// range reaching +inf does not (exp(z^2/2), whose integral against phi diverges, is never bounded), and exp of a
/// decaying top power is (exp(-z^4/4 + z^2)).
struct TailGrowth {
    /// F(z)/t^power lies in `scaled` for every t >= L.
    let power: Int
    let scaled: BigInterval

    /// The enclosure of `tape`'s first output over the tail of `variable` (an input slot) at cut L, the slot
    /// `reciprocal` (if any) holding 1/z (the tape of `Expectation.factoredAtInfinity`, whose polynomials in z keep
    /// their cancellations as z^n (a_n + a_(n-1)/z + ...)), the other inputs given as enclosures in `inputs`.
    init(tape: Tape, variable: Int, reciprocal: Int? = nil, sign: Int, inputs: [BigInterval], cut L: Int, context: IntervalContext) {
        let p = context.precision
        let entire = BigInterval.entire(precision: p)
        let cut = context.constant(BigRational(L))
        // An enclosure of t^d over [L, inf) for d <= 0.
        func scale(_ d: Int) -> BigInterval {
            d == 0 ? context.constant(1) : BigInterval(lower: BigFloat(0, precision: p), upper: BigInterval.pow(cut, d).upper)
        }
        // The set {t^k x : t >= L, x in I}.
        func range(_ r: (Int, BigInterval)) -> BigInterval {
            r.0 <= 0 ? r.1 * scale(r.0)
                : r.1 * BigInterval(lower: BigInterval.pow(cut, r.0).lower, upper: BigFloat.infinity(precision: p))
        }
        func aligned(_ a: (Int, BigInterval), _ b: (Int, BigInterval)) -> (Int, BigInterval, BigInterval) {
            let k = Swift.max(a.0, b.0)
            return (k, a.0 == k ? a.1 : a.1 * scale(a.0 - k), b.0 == k ? b.1 : b.1 * scale(b.0 - k))
        }
        var registers: [(Int, BigInterval)] = []
        registers.reserveCapacity(tape.instructions.count)
        for instruction in tape.instructions {
            let value: (Int, BigInterval)
            switch instruction {
            case .constant(let q): value = (0, context.constant(q))
            case .pi: value = (0, context.pi)
            case .input(let slot) where slot == variable: value = (1, context.constant(BigRational(sign)))
            case .input(let slot) where slot == reciprocal: value = (-1, context.constant(BigRational(sign)))
            case .input(let slot): value = (0, inputs[slot])
            case .add(let a, let b): let (k, x, y) = aligned(registers[a], registers[b]); value = (k, x + y)
            case .subtract(let a, let b): let (k, x, y) = aligned(registers[a], registers[b]); value = (k, x - y)
            case .multiply(let a, let b): value = (registers[a].0 + registers[b].0, registers[a].1 * registers[b].1)
            case .divide(let a, let b): value = (registers[a].0 - registers[b].0, registers[a].1 / registers[b].1)
            case .negate(let a): value = (registers[a].0, -registers[a].1)
            case .powerInt(let a, let n): value = (registers[a].0 * n, BigInterval.pow(registers[a].1, n))
            case .function(.abs, let a): value = (registers[a].0, BigInterval.apply(.abs, registers[a].1))
            case .function(.sqrt, let a) where registers[a].0 % 2 == 0:
                value = (registers[a].0 / 2, BigInterval.apply(.sqrt, registers[a].1))
            case .function(let f, let a): value = (0, BigInterval.apply(f, range(registers[a])))
            case .binaryFunction(let f, let a, let b) where f == .max || f == .min:
                let (k, x, y) = aligned(registers[a], registers[b])
                value = (k, BigInterval.apply(f, x, y))
            case .binaryFunction(let f, let a, let b): value = (0, BigInterval.apply(f, range(registers[a]), range(registers[b])))
            case .matrixFunction, .matrixEntry: value = (0, entire)
            }
            registers.append(value.1.isNaN ? (0, entire) : value)
        }
        let output = registers[tape.outputs[0][0]]
        (power, scaled) = output.0 >= 0 ? output : (0, output.1 * scale(output.0))
    }

    /// M_k(L) = integral over [L, inf) of t^k phi(t): M_0 = erfc(L/sqrt 2)/2, M_1 = phi(L), and
    /// M_k = L^(k-1) phi(L) + (k - 1) M_(k-2) (by parts), in interval arithmetic.
    static func moment(_ k: Int, cut L: Int, context: IntervalContext) -> BigInterval {
        let cut = context.constant(BigRational(L))
        let density = BigInterval.exp(-(cut * cut) / context.constant(2)) / BigInterval.sqrt(context.constant(2) * context.pi)
        var moments = [BigInterval.erfc(cut / BigInterval.sqrt(context.constant(2))) / context.constant(2), density]
        while moments.count <= k {
            let j = moments.count
            moments.append(BigInterval.pow(cut, j - 1) * density + context.constant(BigRational(j - 1)) * moments[j - 2])
        }
        return moments[k]
    }

    /// Whether the bound is finite.
    var isFinite: Bool { scaled.isFinite }

    /// An enclosure of the integral over the tail against phi.
    func integral(cut L: Int, context: IntervalContext) -> BigInterval { scaled * Self.moment(power, cut: L, context: context) }
}
