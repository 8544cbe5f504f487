import PhasecheckFormat
import PhasecheckExpressions

/// Expands named definitions that may refer to each other in any order (`let` quantities, asymptotic
/// quantities, named exponents): each once, in dependency order, rejecting cycles at the definition that
/// closes one.
struct MacroExpansion {
    let definitions: [String: Definition]
    let file: String
    /// What a cycle is called in the error (`a cycle of \`let\` definitions`).
    let cycleNote: String?
    /// Names that are not defined but derived from a definition (`q0`, the value of `let q` at t = 0):
    /// the base name and how its expansion becomes this one's.
    let derived: (String) -> (base: String, transform: (Expr) -> Expr)?
    private(set) var expanded: [String: Expr] = [:]
    private var visiting: Set<String> = []

    init(_ definitions: [Definition], file: String, cycleNote: String? = nil,
         derived: @escaping (String) -> (base: String, transform: (Expr) -> Expr)? = { _ in nil }) {
        self.definitions = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.file = file
        self.cycleNote = cycleNote
        self.derived = derived
    }

    /// Whether `name` is a definition or derived from one.
    func defines(_ name: String) -> Bool { definitions[name] != nil || derived(name) != nil }

    /// The expansion of a defined or derived name.
    mutating func expand(_ name: String) throws(DerivationError) -> Expr {
        if let done = expanded[name] { return done }
        if let (base, transform) = derived(name) {
            let result = transform(try expand(base))
            expanded[name] = result
            return result
        }
        guard let def = definitions[name] else { preconditionFailure("expand called for `\(name)`, which is not defined") }
        guard visiting.insert(name).inserted else {
            throw DerivationError(file: file, location: def.location,
                                  message: "`\(name)` is defined in terms of itself" + (cycleNote.map { " (\($0))" } ?? ""))
        }
        var replacements: [String: Expr] = [:]
        for symbol in def.expr.freeSymbols where defines(symbol) { replacements[symbol] = try expand(symbol) }
        let result = def.expr.substituting(replacements)
        visiting.remove(name)
        expanded[name] = result
        return result
    }
}
