import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// `phasecheck solve`: the state and every named quantity at chosen times, from the closed form, the
/// integrator, or both (with their digits of agreement), plus the mechanism diagnostics of model.md
/// section 6 when the file names the roles (`mechanisms readout = u, features = w, output = a, kernel = K`).
public struct Solver {
    public enum Method: String, CaseIterable, Sendable { case closed, integrate, both }

    /// One component of a quantity as `solve` shows it: the text printed, and what it means as a number.
    public enum Component: Sendable, Equatable {
        /// Correctly rounded to the digits asked for; `value` is the same number as the nearest Double.
        case digits(String, value: Double)
        /// Within `bound` of zero, its digits undetermined (an exact zero never certifies its digits, nor does
        /// a value too small for the precision cap); `bound` is certified, `text` shows it as `0 ± b`.
        case nearZero(bound: Double, text: String)
        /// Digits not determined (an enclosure too wide, unbounded or undefined at the precision cap).
        case uncertified
        /// A step the iteration never reached: a component certainly exceeded 10^30 before it.
        case diverged

        /// What the text report prints.
        public var text: String {
            switch self {
            case .digits(let text, _), .nearZero(_, let text): return text
            case .uncertified: return "uncertified"
            case .diverged: return "diverged"
            }
        }
        /// Whether every digit of `text` is certain.
        public var isCertified: Bool { if case .digits = self { true } else { false } }
    }

    public struct Quantity: Sendable {
        public var name: String
        /// Components (a matrix's row by row).
        public var values: [Component]
        /// Digits of agreement between closed form and integration (method `both`).
        public var agreement: Agreement?
        /// The shape of the quantity: `values` holds its components, a matrix's row by row.
        public var shape: Shape = .scalar
        /// Whether every component is shown (no `uncertified`).
        public var isCertified: Bool { !values.contains(.uncertified) }
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
    public let budget: ComputeBudget
    /// `closedFormMismatch()`, checked once: `plot` checks it to choose the method and `rows(at:)` again.
    private let mismatch = ComputedOnce<ClosedFormError?>()

    public init(model: Model, digits: Int, method: Method, budget: ComputeBudget = ComputeBudget()) {
        self.model = model
        self.digits = digits
        self.method = method
        self.budget = budget
    }

    /// The first working precision: the digits asked for and 64 guard bits.
    var startBits: Int { Int(Precision.bits(forDigits: Double(digits))) + 64 }
    /// The highest precision of its escalations.
    var capBits: Int { budget.capBits(startingAt: startBits, defaultMultiple: 16) }

    /// A time given by the user is not a finite real scalar, or (integrating) is negative.
    public struct TimeError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Named quantities, in file order: states, scalar or vector `let`s, then (along the flow) diagnostics.
    func quantities(withDiagnostics: Bool) throws -> [(name: String, expr: Expr)] {
        let d = model.derivation
        var list = d.states.map { ($0.name, Expr.symbol($0.name)) }
        list += d.lets.map { ($0.name, Expr.symbol($0.name)) }
        if withDiagnostics, let roles = d.mechanismRoles { list += try Mechanisms(roles: roles).diagnostics(model: model) }
        return list
    }

    /// The names `rows` reports, in their order: the file's states and `let`s, then mechanism diagnostics
    /// along the flow (`alongFlow`).
    public func quantityNames(alongFlow: Bool) throws -> [String] { try quantities(withDiagnostics: alongFlow).map(\.name) }

    /// Checks that each time is a finite real scalar (nonnegative when integrating), in interval
    /// arithmetic so that a time too large for a double is still judged correctly; returns the times as
    /// doubles (for a figure's axis: `tau*log(2)` is a number there too).
    @discardableResult
    public func checkTimes(_ times: [Expr]) throws -> [Double] {
        let inputs = try ModelInputs(model: model, context: IntervalContext(precision: 128))
        let values = try inputs.constants(times)
        for (time, value) in zip(times, values) {
            if value.isNaN { throw TimeError(description: "`\(time)` is undefined (a domain error such as a division by 0 or the root of a negative number)") }
            if !value.isFinite { throw TimeError(description: "`\(time)` is not finite") }
            if method != .closed && value.upper.sign < 0 {
                throw TimeError(description: "`\(time)` is negative; integration runs forward from t = 0")
            }
        }
        return values.map { $0.midpoint.doubleValue }
    }

    /// Values at each time. Closed-form values are enclosures: the precision doubles until every one of
    /// them determines its digits, up to the budget's cap; a value still undetermined there is shown as
    /// `uncertified`. Integrated values are the integrator's (good to its tolerance), `uncertified` when
    /// not finite.
    public func rows(at times: [Expr]) throws -> [Row] {
        if method != .integrate && model.closedForm == nil {
            throw DerivationError(file: model.derivation.file, location: SourceLocation(line: 1, column: 1),
                                  message: "this derivation has no closed-form solution; use --method integrate")
        }
        // The integration gets what the budget's seconds leave after the closed form.
        let deadline = Deadline(budget: budget)
        let named = try quantities(withDiagnostics: true)
        let exprs = named.map { model.expand($0.expr) }
        let shapes = shapes(of: exprs)
        var closed: [[[BigInterval]]]? = nil
        if method == .closed, let mismatch = closedFormMismatch() { throw mismatch }
        if method != .integrate {
            let trajectory = ClosedFormTrajectory(model: model, closedForm: model.closedForm!)
            closed = try escalating { bits in try trajectory.values(of: exprs, at: times, bits: bits).map(Optional.some) }.map { $0! }
        }
        let integrated = method == .closed ? nil : try IntegratedTrajectory(model: model, digits: digits, budget: budget, deadline: deadline.end)
            .values(of: exprs, at: times, bits: startBits)
        return times.indices.map { ti in
            var quantities: [Quantity] = []
            for (qi, (name, _)) in named.enumerated() {
                let primary = (closed ?? integrated!)[ti][qi]
                var agreement: Agreement? = nil
                if let closed, let integrated {
                    agreement = zip(closed[ti][qi], integrated[ti][qi]).map { Agreement.between($0, $1) }.min()
                }
                let shown = primary.map { Solver.show($0, digits: digits) }
                quantities.append(Quantity(name: name, values: shown, agreement: agreement, shape: shapes[qi]))
            }
            let mechanism = model.derivation.mechanismRoles.map { _ in Mechanisms.name(from: quantities) }
            return Row(time: timeText(times[ti]), quantities: quantities, mechanism: mechanism)
        }
    }

    /// A closed form that certainly does not solve the flow at this model's values (`ClosedFormMismatch.of`: its
    /// initial value or its residual at t = 0, the sample times and two odd fractions of the horizon), which a
    /// scenario or `--set` can leave. `rows(at:)` refuses it for method `closed` (its values are not the state's);
    /// `both` shows its values beside the integration's, and the caller should warn with this.
    public func closedFormMismatch() -> ClosedFormError? {
        try? mismatch.value {
            guard let mismatch = ClosedFormMismatch.of(model, digits: digits, budget: budget) else { return nil }
            let solution = model.derivation.solutions.values.min { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
            return ClosedFormError(description: "\(model.derivation.file):\(solution.map { "\($0.location.line):\($0.location.column)" } ?? "1:1"): "
                + "the closed form does not solve the flow at these values: \(mismatch)")
        }
    }

    /// The solver where no method is asked for (`plot`): along the closed form where the file has one that may solve the
    /// flow at the model's values (`closedFormMismatch()`, then not checked again), else the integration.
    public static func defaultSolver(for model: Model, digits: Int, budget: ComputeBudget) -> Solver {
        let closed = Solver(model: model, digits: digits, method: .closed, budget: budget)
        return model.closedForm != nil && closed.closedFormMismatch() == nil ? closed : Solver(model: model, digits: digits, method: .integrate, budget: budget)
    }

    /// The closed form certainly does not solve the flow at the model's values (`closedFormMismatch()`).
    public struct ClosedFormError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Values after each of `steps` iterations of the file's map (`descent steps N` or `map` lines), in
    /// interval arithmetic: the precision doubles until every value determines its digits, as along a closed
    /// form. Steps after the iteration certainly escaped show `diverged`. `t` in the quantities is the step.
    public func rows(atSteps steps: [Int]) throws -> [Row] {
        guard model.derivation.training.iterates else {
            throw DerivationError(file: model.derivation.file, location: SourceLocation(line: 1, column: 1),
                                  message: "this derivation has no iteration to step",
                                  hint: "steps need `descent steps N` (gradient descent on the loss) or `map` lines; for the flow use --at")
        }
        let named = try quantities(withDiagnostics: false)
        let exprs = named.map { model.expand($0.expr) }
        let shapes = shapes(of: exprs)
        let trajectory = IteratedTrajectory(model: model, capBits: capBits)
        let values = try escalating { bits in try trajectory.valuesUntilEscape(of: exprs, at: steps, bits: bits).values }
        return zip(steps, values).map { step, atStep in
            let quantities = named.indices.map { qi in
                guard let components = atStep?[qi] else {
                    return Quantity(name: named[qi].name, values: [.diverged], agreement: nil)
                }
                let shown = components.map { Solver.show($0, digits: digits) }
                return Quantity(name: named[qi].name, values: shown, agreement: nil, shape: shapes[qi])
            }
            return Row(time: String(step), quantities: quantities, mechanism: nil)
        }
    }

    /// The shape of each (expanded) quantity.
    private func shapes(of exprs: [Expr]) -> [Shape] {
        var checker = ShapeChecker(inputs: model.inputShapes)
        return exprs.map { (try? checker.shape(of: $0)) ?? .scalar }
    }

    /// Evaluates an iteration at rising precisions until every value present determines its digits (or the
    /// budget's cap or deadline is reached), and returns the last values. The precision doubles, except that
    /// when every value undetermined at `bits` kept some of its bits, the next precision is the one their loss
    /// predicts, if lower: an iteration's boxes lose about as many bits at any precision (their wrapping,
    /// `IteratedTrajectory`), so a 1000-step run of the six-parameterization file that keeps 18 of 326 bits
    /// is run again at 440 bits, not 652.
    private func escalating(_ evaluate: (Int) throws -> [[[BigInterval]]?]) throws -> [[[BigInterval]]?] {
        let escalation = Precision.Escalation(start: startBits, cap: capBits)
        let deadline = Deadline(budget: budget)
        var bits = escalation.start
        while true {
            let attemptStarted = ContinuousClock.now
            let values = try evaluate(bits)
            let undetermined = values.lazy.compactMap { $0 }.joined().joined().filter { asksForMorePrecision($0, at: bits) }
            if undetermined.isEmpty || !escalation.canRaise(from: bits) { return values }
            try deadline.checkBeforeRaising(from: bits, attemptStarted: attemptStarted)
            bits = Self.nextBits(after: bits, digits: digits, undetermined: Array(undetermined))
        }
    }

    /// Doublings past the start for which an enclosure of zero may still raise the precision.
    static let zeroDoublings = 2

    /// Whether `x`, evaluated at `bits`, asks for a higher precision: its digits are undetermined, and it is
    /// not an enclosure of zero that has had `zeroDoublings` doublings already. An exact zero (K/K0 - 1 at
    /// t = 0) never certifies a digit; every doubling only narrows its `0 ± b`, and took the precision to the
    /// cap (a second per zero at 30 digits). A nonzero value still within `b` of zero after two doublings lies
    /// below 2^-4(start) of its computation's scale (10^-190 at 30 digits); it is shown as `0 ± b`, which
    /// is certified.
    func asksForMorePrecision(_ x: BigInterval, at bits: Int) -> Bool {
        guard x.certifiedDecimal(significantDigits: digits) == nil else { return false }
        let settledZero = x.isFinite && x.containsZero && bits >= startBits << Self.zeroDoublings
        return !settledZero
    }

    /// Twice `bits`, or less when every undetermined value kept some bits: the digits' bits, the most bits a
    /// value lost (the attempt's precision less the bits it kept) and 32 guard bits.
    static func nextBits(after bits: Int, digits: Int, undetermined: [BigInterval]) -> Int {
        let log2e = 1.4426950408889634
        var lost = 0.0
        for x in undetermined {
            let kept = (x.midpoint.logMagnitude - x.width.logMagnitude) * log2e
            guard kept.isFinite, kept >= 1 else { return 2 * bits }
            lost = max(lost, Double(bits) - kept)
        }
        let predicted = Precision.bits(forDigits: digits) + Int(lost.rounded()) + 32
        return predicted > bits && predicted < 2 * bits ? predicted : 2 * bits
    }

    /// The digits of an enclosure when they are certain; for a narrow enclosure of zero (an exact zero never
    /// certifies its digits) the certified bound `0 ± b`; otherwise `uncertified`.
    static func show(_ x: some Enclosure, digits: Int) -> Component {
        if let text = x.certifiedDecimal(significantDigits: digits) { return .digits(text, value: x.midpoint.doubleValue) }
        if x.isFinite && x.containsZero {
            let bound = x.magnitudeUpper
            // One ulp up from the nearest Double keeps the Double an upper bound too.
            return .nearZero(bound: bound.doubleValue.nextUp, text: "0 ± " + bound.formatted(significantDigits: 2, rounding: .up))
        }
        return .uncertified
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
        // The angle between x and y from their unit vectors x^ and y^, 2 atan2(|x^ - y^|, |x^ + y^|): defined and
        // well conditioned at 0 and 180 degrees, where acos(x.y/(|x||y|)) loses half its digits and its enclosure
        // of the cosine pokes past 1 (undefined: a rotation of u0 into u at t = 0 was `uncertified`).
        func angle(_ x: Expr, _ y: Expr) -> Expr {
            let xUnit = x / Expr.norm(x), yUnit = y / Expr.norm(y)
            return Expr.number(2) * Expr.call(.atan2, Expr.norm(xUnit - yUnit), Expr.norm(xUnit + yUnit)) * degrees
        }
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
            switch quantities.first(where: { $0.name == name })?.values.first {
            case .digits(_, let value): return value
            // `0 ± b` reads as 0 when b is far below every threshold of the rule.
            case .nearZero(let bound, _): return bound < 1e-9 ? 0 : .nan
            default: return .nan
            }
        }
        let zeta = value("kernel_change"), rotationW = value("rotation_w_deg") * .pi / 180, ratioW = value("norm_ratio_w")
        let slope = value("dK_dt")
        // An uncertified diagnostic reads as NaN: name nothing rather than guess.
        if [zeta, rotationW, ratioW, slope].contains(where: \.isNaN) { return "undetermined (a diagnostic is uncertified)" }
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
        return try e.substituting(shifted).derivative(withRespectTo: tau).substituting([tau: Expr.number(0)])
    }
}
