import ArgumentParser
import PhasecheckFormat
import PhasecheckReports
import PhasecheckVerify

struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "Derive each asymptotic quantity's exponent symbolically and state where it vanishes, stays Theta(1) or diverges.",
        discussion: """
        The exponent is derived in the tropical algebra (products add exponents, sums take the maximum). Where \
        equal leading terms could cancel, the verdict rests on an assumption, which is printed with the region \
        where it matters, and checked by exact expansion at the grid's points there (a cancellation found is \
        reported with a point); `phasecheck phase` classifies points by exact expansion and numeric confirmation \
        instead, and `limit Q ~ d^(E)` claims check a derived exponent against the expansion.
        """
    )

    @Argument(help: "A derivation file with a width-limit section.")
    var file: String

    @Option(help: "Only these quantities (comma-separated); default: all.")
    var only: String?

    func run() throws {
        let checked = try loadDerivation(file)
        let derivation = checked.derivation
        let model = checked.widthLimitModel
        let names = derivation.widthLimit.quantities.map(\.name)
        let selected = only.map { splitTopLevel($0) } ?? names
        if let unknown = selected.first(where: { !names.contains($0) }) {
            throw UserError("`\(unknown)` is not an asymptotic quantity of \(file) (expected \(names.joined(separator: ", ")))")
        }
        guard !selected.isEmpty else { throw UserError("\(file) has no asymptotic quantities") }
        try StandardOutput.write(RegionsReport.text(model, quantities: selected))
    }
}
