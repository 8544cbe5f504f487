import ArgumentParser
import Foundation
import PhasecheckDerivations
import PhasecheckExpressions

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Print the state, every named quantity and the mechanism diagnostics at chosen times."
    )

    @Argument(help: "A derivation file.")
    var file: String

    @Option(help: "Times, comma-separated (expressions allowed: 0.5,1,tau*log(2)).")
    var at: String

    @OptionGroup var options: ModelOptions

    @Option(help: "closed, integrate or both (both also prints the digits of agreement).")
    var method: String = "closed"

    @Option(help: "Scenario of the file to use.")
    var scenario: String?

    @Option(help: "text, json or csv.")
    var format: String = "text"

    func run() throws {
        guard let method = Solver.Method(rawValue: method) else {
            throw UserError("--method \(method): expected closed, integrate or both")
        }
        guard ["text", "json", "csv"].contains(format) else { throw UserError("--format \(format): expected text, json or csv") }
        let digits = try options.checkedDigits(1...2000)
        let derivation = try loadDerivation(file)
        let times = try splitTopLevel(at).map { try parseArgument($0, "--at \($0)") }
        let rows: [Solver.Row]
        do {
            let model = try Model(derivation, scenario: scenario, overrides: try options.overrides())
            rows = try Solver(model: model, digits: digits, method: method).rows(at: times)
        } catch let error as DerivationError {
            throw UserError(error.description)
        } catch let error as UserError {
            throw error
        } catch {
            throw UserError("\(file): \(error)", status: ExitStatus.failed)
        }
        switch format {
        case "json": print(SolvePrinter.json(rows), terminator: "")
        case "csv": print(SolvePrinter.csv(rows), terminator: "")
        default: print(SolvePrinter.text(rows), terminator: "")
        }
    }
}

/// Splits `a,b,[c,d]` at the commas outside brackets and parentheses.
func splitTopLevel(_ text: String) -> [String] {
    var parts: [String] = [], current = "", depth = 0
    for c in text {
        if c == "(" || c == "[" { depth += 1 }
        if c == ")" || c == "]" { depth -= 1 }
        if c == "," && depth == 0 { parts.append(current); current = "" } else { current.append(c) }
    }
    parts.append(current)
    return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

enum SolvePrinter {
    static func text(_ rows: [Solver.Row]) -> String {
        var out = ""
        for row in rows {
            out += "t = \(row.time)\n"
            let width = row.quantities.map(\.name.count).max() ?? 0
            for q in row.quantities {
                let value = q.values.count == 1 ? q.values[0] : "[" + q.values.joined(separator: ", ") + "]"
                out += "  " + q.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
                if let a = q.agreement { out += "   (closed form vs integration: \(a.shown) digits)" }
                out += "\n"
            }
            if let m = row.mechanism { out += "  mechanism: \(m)\n" }
        }
        return out
    }

    static func csv(_ rows: [Solver.Row]) -> String {
        guard let first = rows.first else { return "" }
        var header = ["t"]
        for q in first.quantities {
            header += q.values.count == 1 ? [q.name] : (1...q.values.count).map { "\(q.name)[\($0)]" }
            if q.agreement != nil { header.append("\(q.name)_agreement_digits") }
        }
        if first.mechanism != nil { header.append("mechanism") }
        var out = header.joined(separator: ",") + "\n"
        for row in rows {
            var cells = [row.time]
            for q in row.quantities {
                cells += q.values
                if let a = q.agreement { cells.append(a.shown) }
            }
            if let m = row.mechanism { cells.append(m) }
            out += cells.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
        }
        return out
    }

    struct JSONQuantity: Encodable { let name: String; let values: [String]; let agreementDigits: String? }
    struct JSONRow: Encodable { let t: String; let quantities: [JSONQuantity]; let mechanism: String? }

    static func json(_ rows: [Solver.Row]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(rows.map { row in
            JSONRow(t: row.time, quantities: row.quantities.map { JSONQuantity(name: $0.name, values: $0.values, agreementDigits: $0.agreement?.shown) },
                    mechanism: row.mechanism)
        })) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
