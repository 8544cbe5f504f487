import Foundation
import PhasecheckVerify

/// Every output format of every command; each report says which it supports (`formats`), and a command
/// accepts exactly those.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, markdown, latex, csv, json, svg, junit

    /// The formats `TableWriter` writes.
    public static let tables: [OutputFormat] = [.text, .markdown, .latex, .csv]
}

/// The one JSON convention: camelCase keys (Swift's names), sorted; a document is pretty-printed, a
/// stream (JSON Lines) has one compact object per line.
enum JSONOutput {
    static func document<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self) + "\n"
    }

    static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}

/// Digits of agreement in JSON: `digits` is the certified lower bound (floored to hundredths), null when
/// the values agree exactly (`exact` true) or could not be compared.
struct JSONAgreement: Encodable {
    let digits: Double?
    let exact: Bool

    init(_ a: Agreement) {
        exact = a.atLeast == .infinity
        digits = a.atLeast.isFinite ? (Swift.max(0, a.atLeast) * 100).rounded(.down) / 100 : nil
    }
}
