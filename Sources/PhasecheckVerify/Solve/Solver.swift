import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// `phasecheck solve`: the state and every named quantity at chosen times, from the closed form, the
/// integrator, or both (with their digits of agreement), plus the mechanism diagnostics of model.md
/// section 6 when the file names the roles (`mechanisms readout = u, features = w, output = a, kernel = K`).
public struct Solver {
    public enum Method: String, CaseIterable, Sendable { case closed, integrate, both }

    public struct Quantity: Sendable {
        public var name: String
        /// Components, correctly rounded to the digits asked for.
        public var values: [String]
        /// Digits of agreement between closed form and integration (method `both`).
        public var agreement: Agreement?
    }

    public struct Row: Sendable {
        public var time: String
        public var quantities: [Quantity]
        /// The mechanism at work (nil without roles).
        public var mechanism: String?
    }

    public let model: Model
    public let digits: Int
    public let method: Method

    public init(model: Model, digits: Int, method: Method) throws(DerivationError) {
        if method != .integrate && model.closedForm == nil {
            throw DerivationError(file: model.derivation.file, location: SourceLocation(line: 1, column: 1),
                                  message: "this derivation has no closed-form solution; use --method integrate")
        }
        self.model = model
        self.digits = digits
        self.method = method
    }

    /// Named quantities, in file order: states, scalar or vector `let`s, then diagnostics.
    var quantities: [(name: String, expr: Expr)] {
        get throws {
            let d = model.derivation
            var list = d.states.map { ($0.name, Expr.symbol($0.name)) }
            list += d.lets.map { ($0.name, Expr.symbol($0.name)) }
            if let roles = d.mechanismRoles { list += try Mechanisms(roles: roles).diagnostics(model: model) }
            return list
        }
    }

    public func rows(at times: [Expr]) throws -> [Row] {
        let named = try quantities
        let exprs = named.map { model.expand($0.expr) }
        let bits = Int(Precision.bits(forDigits: Double(digits))) + 64
        let closed = method == .integrate ? nil : try ClosedFormTrajectory(model: model, closedForm: model.closedForm!)
            .values(of: exprs, at: times, bits: bits)
        let integrated = method == .closed ? nil : try IntegratedTrajectory(model: model, digits: digits)
            .values(of: exprs, at: times, bits: bits)
        return times.indices.map { ti in
            var quantities: [Quantity] = []
            for (qi, (name, _)) in named.enumerated() {
                let primary = (closed ?? integrated!)[ti][qi]
                var agreement: Agreement? = nil
                if let closed, let integrated {
                    agreement = zip(closed[ti][qi], integrated[ti][qi]).map { Agreement.between($0, $1) }.min()
                }
                quantities.append(Quantity(name: name, values: primary.map { Solver.show($0, digits: digits) }, agreement: agreement))
            }
            let mechanism = model.derivation.mechanismRoles.map { _ in Mechanisms.name(from: quantities) }
            return Row(time: timeText(times[ti]), quantities: quantities, mechanism: mechanism)
        }
    }

    /// The digits of an enclosure when they are certain; otherwise its midpoint marked with `~`.
    static func show(_ x: some Enclosure, digits: Int) -> String {
        if let text = x.certifiedDecimal(significantDigits: digits) { return text }
        if x.isNaN { return "nan" }
        return "~" + x.midpoint.formatted(significantDigits: digits)
    }
}

/// The diagnostics of model.md section 6 and the rule that names the mechanism at work.
struct Mechanisms {
    let roles: MechanismRoles

    func diagnostics(model: Model) throws -> [(String, Expr)] {
        let u = Expr.symbol(roles.readout), w = Expr.symbol(roles.features)
        let u0 = Expr.symbol(roles.readout + "0"), w0 = Expr.symbol(roles.features + "0")
        let k = Expr.symbol(roles.kernel), k0 = Expr.symbol(roles.kernel + "0")
        let degrees = Expr.number(180) / Expr.symbol(ReservedSymbols.pi)
        func angle(_ x: Expr, _ y: Expr) -> Expr { Expr.call(.acos, Expr.dot(x, y) / (Expr.norm(x) * Expr.norm(y))) * degrees }
        let flow = FlowDerivative(model: model)
        return [
            ("theta_uw_deg", angle(u, w)),
            ("rotation_u_deg", angle(u0, u)),
            ("rotation_w_deg", angle(w0, w)),
            ("norm_ratio_u", Expr.norm(u) / Expr.norm(u0)),
            ("norm_ratio_w", Expr.norm(w) / Expr.norm(w0)),
            ("kernel_change", k / k0 - Expr.number(1)),
            ("dK_dt", try flow.derivative(of: model.expand(k))),
        ]
    }

    /// Kernel regime when neither the kernel nor the directions moved; rescaling when the features changed
    /// norm (by more than 1%) but turned by less than a tenth of their log norm change (in radians);
    /// otherwise alignment or disalignment by the sign of K'.
    static func name(from quantities: [Solver.Quantity]) -> String {
        func value(_ name: String) -> Double {
            guard let q = quantities.first(where: { $0.name == name }), let text = q.values.first else { return .nan }
            return Double(text.replacingOccurrences(of: "~", with: "")) ?? .nan
        }
        let zeta = value("kernel_change"), rotationW = value("rotation_w_deg") * .pi / 180, ratioW = value("norm_ratio_w")
        let slope = value("dK_dt")
        if Swift.abs(zeta) < 1e-6 && Swift.abs(rotationW) < 1e-6 && Swift.abs(ratioW - 1) < 1e-6 { return "none (kernel regime)" }
        if Swift.abs(ratioW - 1) > 0.01 && Swift.abs(rotationW) < 0.1 * Swift.abs(Double.log(ratioW)) { return "rescaling" }
        if slope > 0 { return "alignment" }
        if slope < 0 { return "disalignment" }
        return "stationary"
    }
}

/// d/dt of an expression along the flow of a model's ODE (its Lie derivative, plus explicit t-dependence).
struct FlowDerivative {
    let model: Model

    func derivative(of e: Expr) throws -> Expr {
        let tau = "__flow_tau"
        var shifted: [String: Expr] = [:]
        for s in model.derivation.states {
            shifted[s.name] = Expr.symbol(s.name) + Expr.symbol(tau) * (try model.odeRightHandSide(of: s.name))
        }
        shifted[Derivation.time] = Expr.symbol(Derivation.time) + Expr.symbol(tau)
        return e.substituting(shifted).derivative(withRespectTo: tau).substituting([tau: Expr.number(0)])
    }
}
