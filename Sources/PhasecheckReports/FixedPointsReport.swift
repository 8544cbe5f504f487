import PhasecheckVerify

/// `phasecheck fixedpoints`: every fixed point found in the box, as text or JSON.
public enum FixedPointsReport {
    public static let formats: [OutputFormat] = [.text, .json]

    public static func render(_ survey: FixedPointSurvey, file: String, format: OutputFormat, run: RunRecord) -> String {
        switch format {
        case .json: return json(survey, run: run)
        default:
            precondition(format == .text, "fixedpoints reports are \(formats)")
            return text(survey, file: file)
        }
    }

    /// One block per point: its coordinates, its stability, its eigenvalues; then whether the search was
    /// complete, so that "these are all the fixed points in the box" is said only when it is certain.
    public static func text(_ survey: FixedPointSurvey, file: String) -> String {
        var out = "\(file): fixed points of the \(survey.dynamics.rawValue) in "
            + survey.box.map { "\($0.name) in [\($0.lower), \($0.upper)]" }.joined(separator: ", ") + "\n"
        for point in survey.points {
            let width = point.coordinates.map(\.name.count).max() ?? 0
            out += "  " + point.stability + "\n"
            for c in point.coordinates { out += "    " + c.name.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + c.value + "\n" }
            // One line when it fits the report's 100 columns, else one eigenvalue a line (complex pairs at 30 digits).
            let eigenvalues = point.eigenvalues ?? ["not all isolated (a multiple eigenvalue?)"]
            let line = "    eigenvalues: " + eigenvalues.joined(separator: ", ")
            out += (line.count <= 100 ? line : "    eigenvalues:\n" + eigenvalues.map { "      " + $0 }.joined(separator: "\n")) + "\n"
        }
        let count = "\(survey.points.count) fixed point\(survey.points.count == 1 ? "" : "s")"
        if survey.isComplete {
            out += count + " in the box; every part of it was decided, so there are no others\n"
        } else {
            out += count + " found; \(survey.unresolved.count) part\(survey.unresolved.count == 1 ? "" : "s") of the box could not be decided, "
                + "so there may be others\n(a multiple or non-isolated fixed point, or the budget of boxes or seconds spent):\n"
            for box in survey.unresolved.prefix(10) { out += "    " + box + "\n" }
            if survey.unresolved.count > 10 { out += "    ... and \(survey.unresolved.count - 10) more\n" }
        }
        return out
    }

    struct JSONRange: Encodable { let name: String; let lower: String; let upper: String }
    struct JSONPoint: Encodable {
        let coordinates: [String: String]
        let stability: String
        let eigenvalues: [String]?
    }
    struct JSONDocument: Encodable {
        let type = "fixedpoints"
        let run: RunRecord
        let dynamics: String
        let box: [JSONRange]
        let points: [JSONPoint]
        let complete: Bool
        let unresolved: [String]
    }

    /// One object (docs/phasecheck-output.schema.json); values stay decimal text.
    public static func json(_ survey: FixedPointSurvey, run: RunRecord) -> String {
        JSONOutput.document(JSONDocument(
            run: run, dynamics: survey.dynamics.rawValue,
            box: survey.box.map { JSONRange(name: $0.name, lower: $0.lower, upper: $0.upper) },
            points: survey.points.map { p in
                JSONPoint(coordinates: Dictionary(uniqueKeysWithValues: p.coordinates.map { ($0.name, $0.value) }),
                          stability: p.stability, eigenvalues: p.eigenvalues)
            },
            complete: survey.isComplete, unresolved: survey.unresolved))
    }
}
