import PhasecheckDerivations
import PhasecheckNumbers
import Testing

/// A small valid derivation; each malformed case changes one line of it.
let baseDerivation = """
title "exponential decay"
width d = 2
param k = 1 in (0, inf)
state x[d] = [1, 2]
let energy = dot(x, x)
ode x' = -k*x
solution x = x0*exp(-k*t)
claim "solves": solves ode
"""

/// Replaces line `line` (1-based) of the base derivation.
func replacingLine(_ line: Int, with text: String) -> String {
    var lines = baseDerivation.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines[line - 1] = text
    return lines.joined(separator: "\n")
}

struct MalformedDerivationTests {
    @Test func theBaseDerivationIsValid() throws {
        let d = try DerivationParser.parse(baseDerivation, file: "base.phc")
        #expect(d.states.count == 1 && d.claims.count == 1)
    }

    /// (line replaced, new text, expected line:column, a fragment of the message).
    static let corpus: [(Int, String, String, String)] = [
        (3, "param k = 1 in (0, inf", "4:1", "expected `)` or `]` to close the domain opened at 3:16"),
        (3, "param k = 1 in (2, 1)", "3:16", "lower bound below the upper bound"),
        (3, "param k = 5 in (0, 1)", "3:7", "outside its domain"),
        (3, "param k = 1 in [0, inf]", "3:16", "infinite bound must be open"),
        (3, "param k = 1 in (a, 1)", "3:17", "expected an exact rational as a domain bound, found `a`: a bound is `inf`, `-inf` or an exact rational"),
        // Bounds are exact: an irrational constant is refused, saying what a bound may be.
        (3, "param k = 1 in (0, 2*pi)", "3:20", "irrational constants such as `pi` cannot bound a domain"),
        (3, "param k = 1 in (, 1)", "3:17", "expected a domain bound, found `,`"),
        (3, "param k = q", "3:7", "uses `q`"),
        (4, "state x[d] = [1, 2, 3]", "4:7", "expected 2 components"),
        (4, "state x[n] = [1, 2]", "4:9", "expected the declared width"),
        (4, "state x[d] = 3", "4:7", "expected a vector of length 2"),
        (4, "state x[d] ~ uniform(0, 1) seed 1", "4:14", "expected `normal`"),
        (5, "let energy = expect(tanh(xi)*dot(x, x), xi ~ normal(0, 1))", "5:21", "no closed-form expectation over `xi` of `tanh(xi)`"),
        (5, "let energy = expect(xi, xi ~ cauchy(0, 1))", "5:30", "expected a law, one of normal(mean, sd)"),
        (4, "state x[d] ~ normal(0, 1)", "4:26", "expected `seed`"),
        (5, "let energy = dot(x, y)", "5:21", "unknown symbol `y`"),
        (5, "let energy = dot(x, x", "6:1", "expected `)` or `,` in the list opened at 5:17"),
        (5, "let energy = energy + 1", "5:5", "cycle"),
        (5, "let k = 2", "5:5", "already defined"),
        (6, "ode y' = -k*x", "6:5", "not a state variable"),
        (6, "ode x = -k*x", "6:7", "expected `'`"),
        (6, "ode x' = -k*[1, 2, 3]", "6:5", "has length 3, but `x` has length 2"),
        (6, "# no ode", "4:7", "has no ODE"),
        (7, "solution x = x*exp(-k*t)", "7:14", "depends on the state `x`"),
        (7, "solution x = x0*exp(-k*t) +", "7:28", "expected a number, a name"),
        (8, "claim solves: solves ode", "8:7", "claim's name in double quotes"),
        (8, "claim \"c\": holds", "8:12", "expected a claim kind"),
        (8, "claim \"c\": monotone x decreasing on [0, 1]", "8:1", "must be a scalar"),
        (8, "claim \"c\": identity k == 2 under nowhere", "8:1", "unknown scenario"),
        (8, "claim \"c\": monotone energy upward on [0, 1]", "8:28", "expected `increasing` or `decreasing`"),
        (8, "claim \"c\": invariant energy extra", "8:29", "expected the end of the line"),
        (1, "titel \"x\"", "1:1", "expected a statement"),
        (1, "title \"unterminated", "1:7", "unterminated string"),
        (2, "width d = 0", "2:11", "at least 1"),
        // Values that must be scalars (a vector would stand for its first component), empty domains and
        // horizons, zero known digits, repeated grid axes (issue 18).
        (3, "param k = [1, 2]", "3:7", "must be a scalar, but it is a vector of length 2"),
        (1, "horizon [1, 2]", "1:9", "must be a scalar"),
        (1, "horizon 0", "1:9", "must be positive, found 0"),
        (1, "horizon 1 - k", "1:9", "must be positive, found 0"),
        (1, "scenario A: k = [1, 2]", "1:10", "`k` is a scalar parameter, but `[1, 2]` is a vector of length 2"),
        (3, "param k = 1 in (inf, -inf)", "3:17", "expected `-inf` as an infinite lower bound"),
        (3, "param k = 1 in (-inf, -inf)", "3:23", "expected `inf` as an infinite upper bound"),
        (8, "claim \"c\": value energy at t = 1 == 5 digits 0", "8:46", "at least 1, found 0"),
        (1, "grid alpha = 0:1:1/2, alpha = 0:1:1/2", "1:23", "a second axis for `alpha`"),
        // An exponent both swept and fixed, or fixed twice, has two values: the verdicts would be about a point the
        // file does not define (a review found region verdicts printed with both values of `c`).
        (1, "grid alpha = 0:1:1/2\nfix alpha = 1/3", "2:5", "`alpha` already has a value"),
        (1, "fix alpha = 1/3, alpha = 2/3", "1:18", "`alpha` already has a value"),
        (1, "fix alpha = 1/3\ngrid alpha = 0:1:1/2", "2:1", "`alpha` is fixed by a `fix` line and swept by this grid"),
    ]

    /// A bound is any constant expression with an exact rational value (a fraction, a sign, products and powers).
    @Test func domainBoundsAreExactRationalExpressions() throws {
        let d = try DerivationParser.parse(replacingLine(3, with: "param k = 1/4 in (-3/4, 1/2)"), file: "bounds.phc")
        let domain = try #require(d.parameters.first?.domain)
        #expect(domain.lower == BigRational(-3, 4) && domain.upper == BigRational(1, 2))
        let e = try DerivationParser.parse(replacingLine(3, with: "param k = 1/4 in [2^-3, 3*(1/2 + 1)]"), file: "bounds.phc")
        let other = try #require(e.parameters.first?.domain)
        #expect(other.lower == BigRational(1, 8) && other.upper == BigRational(9, 2) && other.lowerClosed && other.upperClosed)
    }

    @Test func everyMalformedFileNamesLineColumnAndExpectation() {
        for (line, text, place, fragment) in Self.corpus {
            let source = replacingLine(line, with: text)
            do {
                _ = try DerivationParser.parse(source, file: "bad.phc")
                Issue.record("accepted: \(text)")
            } catch {
                // Every error of the file is reported; the expected one is among them.
                let found = error.all.contains { $0.description.hasPrefix("bad.phc:\(place): error: ") && $0.description.contains(fragment) }
                #expect(found, "\(text) -> \(error.all.map(\.description))")
            }
        }
    }
}
