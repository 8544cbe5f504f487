/// The unit in which the work of Taylor integrations is counted, so that whether an integration or a
/// claim's escalation finishes within its budget is the same on every machine and under any load.
///
/// One work unit is one multiply-add of two Taylor coefficients per 64-bit word of their precision, as the
/// schoolbook series product does it: order k of a product of two series is k + 1 multiply-adds, of a sum 1.
/// A computation of the coefficients to order p on numbers of w words then costs
/// w (linear p + products p (p + 1) / 2), where `linear` counts the tape's sums, copies and scalings and
/// `products` its series products (an elementary function's recurrence as 2, a sum of m products as m, a
/// product or inverse of n x n matrices as n^3, an n x n expm as n^3 times its matrix products). The count is
/// nominal: the relaxed and fused products (`RelaxedProducts`, `SeriesDot`) do the same sums with fewer
/// operations, and the step-size rule, Horner's evaluations and the switch scans are not counted (one order
/// each, against p(p + 1)/2).
public enum TaylorWork {
    /// The default budget of one integration, and of one claim's work over the precisions it tries
    /// (`--max-work`).
    public static var defaultBudget: Double { 5e10 }

    /// The words of a number of `bits`.
    static func words(bits: Int) -> Double { Double((Swift.max(bits, 1) + 63) / 64) }
}

extension TaylorCoefficientEngine {
    /// The work of one `computeCoefficients` (see `TaylorWork`).
    var coefficientWork: Double {
        var linear = 0, products = 0
        for op in ops {
            switch op {
            case .derivative, .copy, .add, .subtract, .negate, .scale, .divideByConstant, .abs, .minMax, .branchSign:
                linear += 1
            case .multiply, .square, .divide, .reciprocal:
                products += 1
            case .dot(_, let index):
                products += dots[index].a.count
            case .matrix(let index):
                let n = matrixBlocks[index].size
                products += n * n * n
            case .matrixPower(let index):
                let block = matrixPowerBlocks[index], n = block.size
                products += n * n * n * (block.rootPowers.count + block.inversePowers.count)
            case .matrixExponential(let index):
                // Powers X^2..X^q, Paterson and Stockmeyer's stages and the squarings (at most), each an n x n product.
                let block = matrixExponentialBlocks[index], n = block.size
                products += n * n * n * (block.powers.count - 1 + block.stages.count + block.squarings.count)
            default:
                // An elementary function: its recurrence and the derivative of its argument.
                products += 2
            }
        }
        let p = Double(order)
        return TaylorWork.words(bits: context.precision) * (Double(linear) * p + Double(products) * p * (p + 1) / 2)
    }
}

extension TaylorWork {
    /// A count of work units for messages, to two digits (as the quadrature's work is shown).
    public static func text(_ work: Double) -> String { String(format: "%.1e", work) }
}
