import PhasecheckExpressions

/// `claim "NAME": KIND ... [under NAME]`: a named statement about the model, checked by `phasecheck verify`.
public struct Claim: Sendable {
    public var name: String
    /// What the claim says: one of the claim kinds given to the parser (PhasecheckVerify's `ClaimKinds`).
    public var statement: any ClaimStatement
    /// The name after `under`: a scenario, or for kinds whose `under` names a parameterization, that.
    public var scenario: String?
    public var location: SourceLocation
    /// Where each symbol in the claim's expressions first occurs.
    public var symbolLocations: [String: SourceLocation]
    /// Where each operation of its expressions first starts (`ExpressionParser.takenNodeLocations`).
    public var nodeLocations: [ObjectIdentifier: SourceLocation] = [:]

    public init(name: String, statement: any ClaimStatement, scenario: String?, location: SourceLocation,
                symbolLocations: [String: SourceLocation]) {
        self.name = name
        self.statement = statement
        self.scenario = scenario
        self.location = location
        self.symbolLocations = symbolLocations
    }

    /// The kind's keyword (`identity`, `limit`, ...), as reports name it.
    public var keyword: String { type(of: statement).keyword }

    /// The scenario the claim is checked under (nil for the file's values, and for a parameterization).
    public var modelScenario: String? { type(of: statement).under == .scenario ? scenario : nil }
}

/// What `under NAME` names in a claim.
public enum UnderClause: Sendable {
    /// A `scenario` of the finite-width model.
    case scenario
    /// A `parameterization` of the width-limit section.
    case parameterization
}

/// The part of a claim after its keyword. The format knows claim kinds only through the types given to
/// `DerivationSyntax.parse`, so that each kind keeps its grammar, names and check together in one file
/// (PhasecheckVerify/Claims).
public protocol ClaimStatement: Sendable {
    /// The word after `claim "NAME":` that introduces the kind.
    static var keyword: String { get }
    /// What `under NAME` refers to (default: a scenario).
    static var under: UnderClause { get }
    /// Reads the claim after its keyword; the caller reads `under NAME` and the end of the line.
    static func read(_ reader: inout StatementReader) throws(ParseError) -> Self
    /// Every expression the claim mentions, in the model's names.
    var expressions: [Expr] { get }
    /// Checks the claim's names (default: `NameScope.checkModelClaim`: the scenario exists and every
    /// expression uses the model's names).
    func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError)
}

extension ClaimStatement {
    public static var under: UnderClause { .scenario }
    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) { try scope.checkModelClaim(claim) }
}
