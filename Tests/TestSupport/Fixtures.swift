import Foundation

/// The bundled derivations, read as text for tests that parse them or plant a mistake in them.
public enum Fixtures {
    /// `derivations/NAME` under the package root.
    public static func path(_ name: String) -> String {
        CLI.packageRoot.appendingPathComponent("derivations").appendingPathComponent(name).path
    }

    /// The text of a bundled derivation (a path relative to the package root), with `original` replaced
    /// by `planted` when given; nil if the file is missing or no longer contains `original`.
    public static func text(_ relativePath: String, replacing original: String? = nil, with planted: String = "") -> String? {
        guard var text = try? String(contentsOf: CLI.packageRoot.appendingPathComponent(relativePath), encoding: .utf8) else { return nil }
        if let original {
            guard text.contains(original) else { return nil }
            text = text.replacingOccurrences(of: original, with: planted)
        }
        return text
    }
}
