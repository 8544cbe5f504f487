import ArgumentParser
import Foundation
import PhasecheckFormat

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter derivation that verifies, to begin a new one from.",
        discussion: """
        `phasecheck init decay` writes decay.phc: gradient flow on a quadratic loss, its closed-form solution \
        and one claim of each common kind, every line explained. `phasecheck verify decay.phc` then checks it; \
        change the model and the claims to your own. An existing file is never overwritten.
        """
    )

    @Argument(help: "The file to write (.phc is added when missing).")
    var name: String

    @ArgumentParser.Flag(name: .customLong("stdout"), help: "Print the starter to standard output instead of writing a file.")
    var toStandardOutput = false

    func run() throws {
        let stem = (name as NSString).lastPathComponent.replacingOccurrences(of: ".phc", with: "")
        guard toStandardOutput || (!stem.isEmpty && !name.hasSuffix("/")) else {
            throw UserError("init '\(name)': expected a file name, such as `phasecheck init decay` (writes decay.phc)")
        }
        // The title is a string of the file: no quote to end it early, no control character (refused there).
        let text = Self.starter(title: String(stem.unicodeScalars.filter { $0 != "\"" && $0.properties.generalCategory != .control }.map(Character.init)))
        if toStandardOutput { return try StandardOutput.write(text) }
        let path = name.hasSuffix(".phc") ? name : name + ".phc"
        var existing = stat()
        guard lstat(path, &existing) != 0 else { throw UserError("\(path): already exists; choose another name (init never overwrites)") }
        let output = try Output(path: path)
        do {
            try output.write(text)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
        FileHandle.standardError.write(Data(SourceText.visible("wrote \(path); check it with: phasecheck verify \(path)\n").utf8))
    }

    /// The starter: a model small enough to read in a minute, with one claim of each kind a first
    /// derivation needs. Its claims hold (the CLI tests verify it).
    static func starter(title: String) -> String {
        """
        # A derivation for Phasecheck: the model, what was derived about it, and claims to check.
        # Check it with `phasecheck verify \(title).phc`; the format is in docs/derivation-format.md.
        title "\(title): gradient flow on a quadratic loss"

        # Parameters: a value, and a domain from which identity claims also draw random values.
        param lambda = 1 in (0, inf)   # curvature of the loss L(x) = lambda/2 (x - xstar)^2
        param xstar = 2 in (-inf, inf) # the minimiser

        # State variables with their initial values (`x0` names the initial value of `x`).
        state x = 0.5

        # Named quantities (macros): the loss, and its value at t = 0 is `loss0`.
        let loss = lambda/2*(x - xstar)^2

        # The gradient flow x' = -dL/dx: one ODE per state variable.
        ode x' = -lambda*(x - xstar)

        # The closed form someone derived; Phasecheck checks it against the ODE and an integrator.
        solution x = xstar + (x0 - xstar)*exp(-lambda*t)

        # The time span the checks sample (default 10).
        horizon 5

        # Claims: each one is checked to the digits asked for (`--digits`, default 30).
        claim "the closed form solves the flow": solves ode
        claim "the loss decays exponentially": identity loss == loss0*exp(-2*lambda*t)
        claim "the loss obeys L' = -2 lambda L": rate loss == -2*lambda*loss
        claim "the loss halves at t = log(2)/(2 lambda)": value loss at t = log(2)/(2*lambda) == loss0/2
        claim "the loss never increases": monotone loss decreasing on [0, 5]
        claim "x reaches the minimiser": value x at t = inf == xstar

        """
    }
}
