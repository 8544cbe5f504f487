import PhasecheckFormat
import PhasecheckVerify
import PhasecheckAsymptotics
import PhasecheckExpressions

/// `phasecheck regions`: each quantity's symbolic exponent and where it vanishes, stays bounded or diverges.
public enum RegionsReport {
    /// One block per quantity, in the order given; a quantity that cannot be derived says why.
    public static func text(_ model: WidthLimitModel, quantities selected: [String]) -> String {
        var out = ""
        for name in selected {
            do {
                let (quantity, shape) = try model.growth(of: name)
                let order = try model.limit.leadingExponent(of: quantity)
                out += "\(name)\(shape == .scalar ? "" : " (\(shape.phrase), by its norm)") ~ d^(\(order.exponent))\n"
                out += "  -> 0         where \(order.vanishingRegion)\n"
                out += "  Theta(1)     where \(order.boundedRegion)\n"
                out += "  -> infinity  where \(order.divergingRegion)\n"
                for assumption in order.assumptions { out += "  assuming \(assumption)\n" }
            } catch {
                out += "\(name): cannot be derived symbolically: \(error)\n"
            }
        }
        return out
    }
}
