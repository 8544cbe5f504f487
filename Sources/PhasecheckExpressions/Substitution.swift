/// One substitution applied to many expressions with a shared memo, so that a subexpression common to
/// them is rewritten once. `Expr.substituting` starts afresh on every call, which makes rewriting n
/// expressions that each contain the previous one cost O(n^2); this costs O(n) in all.
/// The walk uses an explicit stack, so depth is no limit.
public struct Substitution {
    public let replacements: [String: Expr]
    private var memo: [ObjectIdentifier: Expr] = [:]

    public init(_ replacements: [String: Expr]) { self.replacements = replacements }

    /// `e` with the replacements made (simultaneously), as `e.substituting(replacements)`.
    public mutating func apply(to e: Expr) -> Expr {
        var stack: [(node: Expr, argumentsDone: Bool)] = [(e, false)]
        while let (node, argumentsDone) = stack.popLast() {
            let id = ObjectIdentifier(node)
            if memo[id] != nil { continue }
            if let name = node.symbolName, let replacement = replacements[name] {
                memo[id] = replacement
            } else if node.arguments.isEmpty {
                memo[id] = node
            } else if argumentsDone {
                memo[id] = node.rebuilt(node.arguments.map { memo[ObjectIdentifier($0)]! })
            } else {
                stack.append((node, true))
                for argument in node.arguments where memo[ObjectIdentifier(argument)] == nil { stack.append((argument, false)) }
            }
        }
        return memo[ObjectIdentifier(e)]!
    }
}
