import PhasecheckExpressions

/// The statements of `Training`: `loss NAME = expr`, `train x rate expr, ...`, `descent steps N`,
/// `map x -> expr` and `noise xi ~ normal(m, s)` (or `uniform(a, b)`, `rademacher`).
extension StatementReader {
    mutating func trainingStatement(_ word: String, at location: SourceLocation, into d: inout Derivation) throws(ParseError) {
        switch word {
        case "loss":
            guard d.training.loss == nil else { throw fail("a second loss; expected one per file", at: location) }
            let loss = try definition("the loss's name")
            d.training.loss = loss
            // Its name is also a quantity for claims and closed forms, as a `let` of the same expression would be.
            d.lets.append(loss)
        case "train":
            guard d.training.rates.isEmpty else { throw fail("a second `train` line; list every trained state in one", at: location) }
            repeat {
                let (state, at) = try identifier("a state variable to train")
                try keyword("rate", "after the state (as in `train u rate eta_u`)")
                let (rate, _, _) = try expression()
                if d.training.rate(of: state) != nil { throw fail("`\(state)` is trained twice", at: at) }
                d.training.rates.append((state, rate))
            } while parser.accept(",")
            d.training.ratesLocation = location
            try endOfStatement("the trained states")
        case "descent":
            try keyword("steps", "after `descent` (as in `descent steps 1000`)")
            let n = try integer("the number of steps", atLeast: 1)
            d.training.steps = Located(n, at: location)
            try endOfStatement("the descent")
        case "map":
            let (name, at) = try identifier("a state variable name")
            try parser.expect("->", "after the state (as in `map x -> x - eta*x`)")
            let (e, symbols, _) = try expression()
            guard d.training.maps[name] == nil else { throw fail("a second map for `\(name)`", at: at) }
            d.training.maps[name] = Definition(name: name, expr: e, location: at, symbolLocations: symbols, nodeLocations: parser.takenNodeLocations)
            try endOfStatement("the map")
        case "noise":
            let (name, at) = try identifier("a noise variable name")
            let shapeAt = parser.current.location
            let dimensions = try self.dimensions(in: d, of: "the noise")
            guard dimensions.count <= 1 else { throw fail("expected one size (a vector of independent entries) in the shape of the noise, found \(dimensions.count)", at: shapeAt) }
            try parser.expect("~", "after the noise variable (as in `noise xi ~ normal(0, s)`)")
            // The laws of `expect`; what their parameters may be is checked at the model's values (`Model.noiseLaws`).
            let law = try parser.parseLaw("a noise law")
            d.training.noise.append(NoiseVariable(name: name, dimensions: dimensions, law: law, location: at))
            try endOfStatement("the noise")
        default:
            preconditionFailure("not a training statement: \(word)")
        }
    }
}
