/// Writes a tree as text from per-node layouts, iteratively.
///
/// A printer says how each node prints (`Piece`s: literal text, and child nodes with the binding strength
/// they need); `write` expands them over an explicit stack into one output string. Neither the depth of
/// the tree (a flat sum of a million terms is a chain a million deep) nor its length costs stack or
/// repeated copying of partial strings.
enum Layout {
    typealias Precedence = PlainPrinter.Precedence

    enum Piece {
        case text(String)
        /// A child, wrapped in the printer's parentheses if it binds more loosely than this.
        case node(Expr, Precedence)
    }

    /// `open` a0 `separator` a1 ... `close`, each argument at the loosest binding.
    static func call(_ open: String, _ arguments: [Expr], separator: String, close: String) -> [Piece] {
        var pieces: [Piece] = [.text(open)]
        for (i, argument) in arguments.enumerated() {
            if i > 0 { pieces.append(.text(separator)) }
            pieces.append(.node(argument, .sum))
        }
        pieces.append(.text(close))
        return pieces
    }

    static func write(_ root: Expr, open: String = "(", close: String = ")",
                      layout: (Expr) -> (precedence: Precedence, pieces: [Piece])) -> String {
        var output = ""
        var stack: [Piece] = [.node(root, .sum)]
        while let piece = stack.popLast() {
            switch piece {
            case .text(let text):
                output += text
            case .node(let e, let minimum):
                let (precedence, pieces) = layout(e)
                let wrapped = precedence < minimum
                if wrapped { stack.append(.text(close)) }
                stack.append(contentsOf: pieces.reversed())
                if wrapped { stack.append(.text(open)) }
            }
        }
        return output
    }

    /// The first text piece `e` prints (inside its parentheses if it needs them at `minimum`), found by
    /// descending into leading children without printing them.
    static func leadingText(_ e: Expr, at minimum: Precedence, open: String,
                            layout: (Expr) -> (precedence: Precedence, pieces: [Piece])) -> String {
        var (node, minimum) = (e, minimum)
        while true {
            let (precedence, pieces) = layout(node)
            if precedence < minimum { return open }
            switch pieces.first {
            case .text(let text): return text
            case .node(let child, let childMinimum): (node, minimum) = (child, childMinimum)
            case nil: return ""
            }
        }
    }
}
