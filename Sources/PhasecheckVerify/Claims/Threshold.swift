import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// A threshold in a parameter, in one of two forms:
/// - `threshold P == V [margin m]`: the iteration is stable for P a margin below V and diverges a margin
///   above (e.g. gradient descent on a quadratic with kappa K eta < 2). Both sides are checked.
/// - `threshold P where E [at t = T] changes sign [in (a, b)] [== V [digits k]]`: E (an expression of the
///   parameters, or a quantity of the solution at time T) has opposite signs at P = a and P = b, and the
///   sign change is enclosed by bisection (`SignChangeSearch`) to the digits asked, or to decide V.
/// - `threshold P where stability of X changes [in (a, b)] [== V [digits k]]`: the fixed point X (declared by a
///   `fixedpoint` or `stationary` claim), followed across P, is certified stable at one end and unstable at
///   the other, and the change is enclosed the same way (`checkStabilityChange`).
public struct ThresholdClaim: ClaimKind {
    public static let keyword = "threshold"
    package static let grammar = #""threshold" NAME ( "==" expr [ "margin" expr ] | "where" ( expr [ "at" ( "t" "=" expr | "step" expr ) ] "changes" "sign" | "stability" "of" NAME "changes" ) [ "in" "(" expr "," expr ")" ] [ "==" expr [ "digits" INTEGER ] ] )"#
    package static let documentation = [
        #"| `threshold P == V [margin m]` | the stability threshold of the parameter P (say a learning rate or kappa): with P = V (1 - m) the iterate stays below 10^30 for all `descent steps N`, and with P = V (1 + m) it certainly passes 10^30 within them (m defaults to 1/10). Fails if either side does the opposite |"#,
        #"| `threshold P where E [at t = T \| at step n] changes sign [in (a, b)] [== V [digits k]]` | E has certainly opposite signs at P = a and P = b (the parameter's domain when `in` is absent), and the sign change is enclosed by bracketing (Illinois steps, bisection when they stall), every sign certified by interval arithmetic, until the bracket has the digits asked (or decides V). Fails if E has the same sign at both ends (no net change of sign), or if V (rounded to k digits) is certainly not in the bracket and E has one sign across V's rounding interval. With `at t = T`, E is taken at time T along the closed form (in interval arithmetic; at values other than the file's, that it solves the flow rests on its residual at the premise times, evidence, not proof) where its initial value and residual do not certainly disagree at that value of P (checked at each value tried: a closed form true at one value of P only is not used at the others), else along the integration (then the signs rest on its two-tolerance error estimate, not a bound; the report says which, and where the closed form was set aside); with `at step n`, at step n of the iteration (interval arithmetic, certified). A bracket with an end outside the domain declared for P is a warning at that end (`file:line:column: warning: ...` on stderr), the claim still checked over the whole bracket. It locates a sign change, not its uniqueness |"#,
        #"| `threshold P where stability of X changes [in (a, b)] [== V [digits k]]` | the linear stability of the fixed point X (named by a `fixedpoint` or `stationary` claim under the same scenario) changes in (a, b): at each value of P tried, Newton's method starts from the point certified at the nearest value tried before (first from X's own coordinates at the claim's value of P), the Krawczyk test proves one fixed point in a small box around where it lands, and the Routh-Hurwitz (flow) or Schur-Cohn (map) count over that enclosure says stable (no eigenvalue on the unstable side) or not (at least one), the precision raised while it cannot tell. The bracket must be certified stable at one end and unstable at the other; it is narrowed as for a sign change, with Illinois steps on the leading eigenvalue's real part (a flow) or the spectral radius minus 1 (a map), until it has the digits asked or decides V. Fails if X has the same certified stability at both ends, or if V (rounded to k digits) is certainly not in the bracket and the stability is the same at both ends of V's rounding interval; undecided, with the reason, where the point cannot be located or its stability certified (an eigenvalue on the boundary). A bracket with an end outside the domain declared for P is a warning at that end, as for a sign change. It locates a change, not its uniqueness |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/gd_scalar_network.phc", claim: #"the bowl's stability threshold is eta_x h = 2"#,
        original: #"threshold eta_x == 2/h"#, planted: #"threshold eta_x == 3/h"#)

    /// `in (a, b)`: the range of the parameter a threshold is sought in, with where each end is written.
    public struct Bracket: Sendable {
        public var lower: Expr
        public var upper: Expr
        public var lowerLocation: SourceLocation
        public var upperLocation: SourceLocation
    }

    /// The sign-change form's parts.
    public struct SignChange: Sendable {
        public var quantity: Expr
        /// The time at which the quantity is taken (nil: it involves no state and no t).
        public var time: Expr?
        /// Or the step of the iteration (`at step n`).
        public var step: Expr? = nil
        /// The bracket `(a, b)`; nil: the parameter's domain.
        public var bracket: Bracket?
        /// The stated location and the digits it is known to (nil: exact).
        public var expected: Expr?
        public var digits: Int?
    }

    /// The stability-change form's parts.
    public struct StabilityChange: Sendable {
        /// The fixed point's name (declared by a `fixedpoint` or `stationary` claim).
        public var point: String
        public var bracket: Bracket?
        public var expected: Expr?
        public var digits: Int?
    }

    public enum Form: Sendable {
        case stability(value: Expr, margin: Expr?)
        case signChange(SignChange)
        case stabilityChange(StabilityChange)
    }

    public var parameter: String
    public var form: Form

    /// A threshold stated to k digits is located to k + 3 (`thresholdDigits`), so its signs, fixed points and
    /// stability counts start at the precision k + 3 digits need (see `ClaimKind.workingDigits`): at
    /// `--digits 300` the Krawczyk enclosures of a stability change were made at 1045 bits for a bracket of 25
    /// digits. The escalation still raises the precision where a sign or a count is undecided.
    package func workingDigits(asked: Int) -> Int { Self.workingDigits(asked: asked, referenceDigits: referenceDigits) }
    package var referenceDigits: Int? {
        switch form {
        case .stability: nil
        case .signChange(let s): s.digits
        case .stabilityChange(let s): s.digits
        }
    }

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let (name, _) = try reader.identifier("a parameter name")
        if reader.acceptKeyword("where") {
            // `stability of X`: no expression starts with a name followed by the name `of`.
            if reader.parser.current.kind == .identifier("stability"), reader.parser.tokens[reader.parser.position + 1].kind == .identifier("of") {
                return Self(parameter: name, form: .stabilityChange(try readStabilityChange(&reader)))
            }
            return Self(parameter: name, form: .signChange(try readSignChange(&reader)))
        }
        try reader.parser.expect("==", "or `where` after the parameter (as in `threshold kappa == 2/K0` or `threshold tau where E changes sign`)")
        let value = try reader.parser.parseExpression()
        var margin: Expr? = nil
        if reader.acceptKeyword("margin") { margin = try reader.parser.parseExpression() }
        return Self(parameter: name, form: .stability(value: value, margin: margin))
    }

    static func readSignChange(_ reader: inout StatementReader) throws(ParseError) -> SignChange {
        let quantity = try reader.parser.parseExpression()
        var time: Expr? = nil, step: Expr? = nil
        if reader.acceptKeyword("at") {
            if reader.acceptKeyword("step") {
                step = try reader.parser.parseExpression()
            } else {
                try reader.keyword("t", "or `step` after `at` (as in `where E at t = 100 changes sign`)")
                try reader.parser.expect("=", "after `at t`")
                time = try reader.parser.parseExpression()
            }
        }
        try reader.keyword("changes", "after the quantity (as in `threshold tau where E changes sign`)")
        try reader.keyword("sign", "after `changes`")
        let (bracket, expected, digits) = try readBracketAndValue(&reader)
        return SignChange(quantity: quantity, time: time, step: step, bracket: bracket, expected: expected, digits: digits)
    }

    static func readStabilityChange(_ reader: inout StatementReader) throws(ParseError) -> StabilityChange {
        try reader.keyword("stability", "after `where`")
        try reader.keyword("of", "after `stability`")
        let (point, _) = try reader.identifier("the name of a fixed point (as in `where stability of origin changes`)")
        try reader.keyword("changes", "after the fixed point (as in `threshold mu where stability of origin changes`)")
        let (bracket, expected, digits) = try readBracketAndValue(&reader)
        return StabilityChange(point: point, bracket: bracket, expected: expected, digits: digits)
    }

    /// `[in (a, b)] [== V [digits k]]`, the end of both `where` forms.
    static func readBracketAndValue(_ reader: inout StatementReader) throws(ParseError) -> (Bracket?, Expr?, Int?) {
        var bracket: Bracket? = nil
        if reader.acceptKeyword("in") {
            try reader.parser.expect("(", "after `in` (as in `in (0.4, 0.6)`)")
            let lowerLocation = reader.parser.current.location
            let lower = try reader.parser.parseExpression()
            try reader.parser.expect(",", "between the ends of the bracket")
            let upperLocation = reader.parser.current.location
            let upper = try reader.parser.parseExpression()
            try reader.parser.expect(")", "after the bracket's upper end")
            bracket = Bracket(lower: lower, upper: upper, lowerLocation: lowerLocation, upperLocation: upperLocation)
        }
        var expected: Expr? = nil, digits: Int? = nil
        if reader.parser.accept("==") {
            expected = try reader.parser.parseExpression()
            if reader.acceptKeyword("digits") { digits = try reader.integer("the number of known digits", atLeast: 1) }
        }
        return (bracket, expected, digits)
    }

    /// The `in (a, b)` of the `where` forms.
    public var bracket: Bracket? {
        switch form {
        case .stability: nil
        case .signChange(let s): s.bracket
        case .stabilityChange(let s): s.bracket
        }
    }

    public var expressions: [Expr] {
        switch form {
        case .stability(let value, let margin): [value] + (margin.map { [$0] } ?? [])
        case .signChange(let s):
            [s.quantity] + [s.time, s.step, s.bracket?.lower, s.bracket?.upper, s.expected].compactMap { $0 }
        case .stabilityChange(let s): [s.bracket?.lower, s.bracket?.upper, s.expected].compactMap { $0 }
        }
    }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        guard scope.derivation.parameter(named: parameter) != nil else {
            // A swept ratio written straight into the claim (`threshold g where ... changes sign`) is the usual slip; a
            // state or a `let` already has a meaning, which no `param` line can share.
            let d = scope.derivation
            let kind = d.state(named: parameter) != nil ? "a state" : d.lets.contains { $0.name == parameter } ? "a `let`" : nil
            let hint = kind.map { "`\(parameter)` is \($0); a threshold sweeps a parameter: name one of the file's `param` lines" }
                ?? "a threshold sweeps a parameter: declare it, e.g. `param \(parameter) = VALUE in (LOW, HIGH)`"
            throw DerivationError(file: d.file, location: claim.location,
                                  message: "`\(parameter)` in claim \"\(claim.name)\" is not a parameter", hint: hint)
        }
        switch form {
        case .stability(let value, let margin):
            try scope.checkIterationClaim(claim)
            if let bad = value.freeSymbols.union(margin?.freeSymbols ?? []).intersection(scope.derivation.states.map(\.name)).sorted().first {
                throw scope.error("the threshold in claim \"\(claim.name)\" uses the state `\(bad)`; expected parameters and initial values", at: claim.location)
            }
        case .signChange(let s):
            if s.step != nil { try scope.checkIterationClaim(claim) } else { try scope.checkModelClaim(claim) }
            try Self.checkConstants([s.time, s.step, s.bracket?.lower, s.bracket?.upper, s.expected], of: claim, parameter: parameter, in: scope)
        case .stabilityChange(let s):
            _ = try scope.fixedPointDeclaration(s.point, for: claim)
            try Self.checkConstants([s.bracket?.lower, s.bracket?.upper, s.expected], of: claim, parameter: parameter, in: scope)
        }
    }

    /// The time, bracket and stated value must not use the state, t or the parameter itself.
    static func checkConstants(_ exprs: [Expr?], of claim: Claim, parameter: String, in scope: NameScope) throws(DerivationError) {
        let moving = Set(scope.derivation.states.map(\.name)).union([Derivation.time, parameter])
        if let bad = exprs.compactMap({ $0 }).reduce(Set<String>(), { $0.union($1.freeSymbols) }).intersection(moving).sorted().first {
            throw scope.error("the time, bracket and stated value of claim \"\(claim.name)\" must be constants, but they use `\(bad)`", at: claim.location)
        }
    }

    package func check(_ check: inout ClaimCheck) throws {
        switch form {
        case .stability(let value, let margin): try checkStability(value: value, margin: margin, &check)
        case .signChange(let s): try check.checkSignChange(of: parameter, s)
        case .stabilityChange(let s): try check.checkStabilityChange(of: parameter, s)
        }
    }

    private func checkStability(value: Expr, margin: Expr?, _ check: inout ClaimCheck) throws {
        let model = check.model
        let m = margin.map(model.expand) ?? Expr.number(BigRational(1, 10))
        // The threshold as an exact number (the parameter is then set to a rational on each side).
        guard let threshold = try model.constantValue(model.expand(value)),
              let q = try model.constantValue(m), q > 0, q < 1 else {
            throw CheckError("the threshold and its margin must be constants, the margin in (0, 1)")
        }
        let steps = check.iterationSteps
        var below = model, above = model
        below.setParameter(parameter, Expr.number(threshold * (1 - q)))
        above.setParameter(parameter, Expr.number(threshold * (1 + q)))
        let belowEscapes = try check.escapes(below, steps: steps).at
        let aboveEscapes = try check.escapes(above, steps: steps).at
        check.points = 2
        let shown = decimal(threshold)
        if let at = belowEscapes {
            check.status = .fails
            check.worstCase = [(parameter, decimal(threshold * (1 - q))), ("diverged at step", "\(at)")]
        } else if aboveEscapes == nil {
            check.status = .fails
            check.worstCase = [(parameter, decimal(threshold * (1 + q))), ("stayed bounded for steps", "\(steps)")]
        }
        check.detail = "\(parameter) = \(shown) x (1 -+ \(decimal(q))): bounded for \(steps) steps below"
            + (aboveEscapes.map { ", diverged at step \($0) above" } ?? ", bounded above too")
    }
}
