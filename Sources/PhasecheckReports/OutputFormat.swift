import Foundation

/// Every output format of every command; each report says which it supports (`formats`), and a command
/// accepts exactly those.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, markdown, latex, csv, json, svg

    /// The formats `TableWriter` writes.
    public static let tables: [OutputFormat] = [.text, .markdown, .latex, .csv]
}

/// The one JSON convention: camelCase keys (Swift's names), sorted; a document is pretty-printed, a
/// stream (JSON Lines) has one compact object per line.
enum JSONOutput {
    static func document<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self) + "\n"
    }

    static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
