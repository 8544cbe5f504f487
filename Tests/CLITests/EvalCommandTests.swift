import Foundation
import PhasecheckNumbers
import PhasecheckTestSupport
import Testing

/// `phasecheck eval` against mpmath. Provenance: mpmath 1.3.0 at mp.dps = 420, printed with
/// `mpmath.nstr(value, n, strip_zeros=False)` for n = 50 and 300 (the script is in the comment of each
/// case's expression; e.g. `mpmath.sqrt(1 + mpmath.mpf(10)**-40) - 1`). The references are compared as
/// numbers: both are parsed at 4000 bits and rounded to n digits by the same printer.
struct EvalAgainstMpmathTests {
    static let cases: [(String, String, String)] = [
        ("sqrt(1 + 10^-40) - 1", "4.9999999999999999999999999999999999999998750000000e-41",
         "0.0000000000000000000000000000000000000000499999999999999999999999999999999999999987500000000000000000000000000000000000000624999999999999999999999999999999999999960937500000000000000000000000000000000002734374999999999999999999999999999999999794921875000000000000000000000000000000016113281249999999999999999999999999999998690795898437500000"),
        ("cbrt(2) + exp(1/3) - log(7)", "0.70962332592564938828998318343763545853107325031905",
         "0.709623325925649388289983183437635458531073250319053774240101668249458829407842062911526881144213791296459746240183386443797395075713843324616501603277202363546564360793411797573189016058801753742216378827397808527258477893000637750633119758897978203723523026456648638684263025209299635233160930794639"),
        ("expm1(10^-30) - 10^-30", "5.0000000000000000000000000000016666666666666666667e-61",
         "0.000000000000000000000000000000000000000000000000000000000000500000000000000000000000000000166666666666666666666666666666708333333333333333333333333333341666666666666666666666666666668055555555555555555555555555555753968253968253968253968253968278769841269841269841269841269844025573192239858906525573192240134479717813051146384479717813076198492865159531826198"),
        ("log1p(-10^-20)", "-1.0000000000000000000050000000000000000000333333333e-20",
         "-0.0000000000000000000100000000000000000000500000000000000000003333333333333333333358333333333333333333533333333333333333335000000000000000000014285714285714285714410714285714285714286825396825396825396835396825396825396825487734487734487734488567821067821067821075513375513375513375584804084804084804085470751470751470751"),
        ("sin(1) + cos(2)*tan(0.5)", "0.61412893186157570199869701006173122637724363082931",
         "0.614128931861575701998697010061731226377243630829310448870312687471964407667569691386667593652562903044723721434742926233515064278851832082294000941928475590004528098158674659707346207721098523577000775832192964004605088665241783963188693169773352954485526142571642642260761146861080067579246648707451"),
        ("asin(0.3) + acos(-0.2) + atan(5)", "3.4502476685456407795197221315298651679441824086963",
         "3.45024766854564077951972213152986516794418240869625849310748484426886480344885022270978188462659210944807472325749427183909585553410891662966648659594408370842710562580948224903845350401383667012804317188390473568623413181558390260696480183636834592848357683556748862953873902838157999385560912654350"),
        ("sinh(2) - cosh(2) + tanh(0.7)", "0.46903249388055080441468768813134207160793510150729",
         "0.469032493880550804414687688131342071607935101507285007144261120945465265372634232169631088147512816367082235312428188394481447950739388246397126220189331766365355110491664190912233801850843950483792062769822479658569406589106359527291923409811196443788495397714319785213456176856292612609529306125171"),
        ("asinh(3) + acosh(1.5) + atanh(0.25)", "3.0362829212342690600819738385612768074956780097623",
         "3.03628292123426906008197383856127680749567800976232679186275728383172419032714369872836196424596340463130273636331148789341400491191838353674719184674010686462633807880064308504431488253563463699155479180802228564853961723305742865981493723538912394482358459448051271678374223022731711400722073270080"),
        ("abs(-2.5)^1.5 + pow(3, -0.5) + 2^3^2", "516.53019734440009992950776571104285562279704567543",
         "516.530197344400099929507765711042855622797045675426647909590483392474720720601981122374025531059874894209392818996185636612342718403067000844633701333239983595357183148774843453179929298543003232662910111750276393664197099459862879795322773537669778137838920593298180927353428024865827194470941204198"),
        ("atan2(-1, -3) + min(pi, 3) + max(exp(1), 2.7)", "2.8984397292658941902990487024318209325808329898825",
         "2.89843972926589419029904870243182093258083298988250994542482609477301646147314914029975577553369073388432547479585049242299121195784109574363478416922012917193108298543660949840156134042561567353637864908474771889471327557478068150934340791496987412112800674166938827824129186837772150512503109490855"),
        ("(1 + 10^-25)^(10^25) - exp(1)", "-1.3591409142295226176801436110884141111723835928368e-25",
         "-0.000000000000000000000000135914091422952261768014361108841411117238359283681590963611884164445122185182564801160263089098672115366935985148202086828598536287394273644990801714184679894083920340495904727740463787115441610806288353282467820221294654328998740019269367724295681703601510588797644737300024238554689517672497346607"),
        ("sqrt(1 + R) - 1", "5.0000000000000000000000000000000000000000000000000e-61",
         "0.000000000000000000000000000000000000000000000000000000000000499999999999999999999999999999999999999999999999999999999999875000000000000000000000000000000000000000000000000000000000062499999999999999999999999999999999999999999999999999999999960937500000000000000000000000000000000000000000000000000000027343750000000000000000000000000000000000000000000000000000"),
    ]

    static func sameDecimal(_ ours: String, _ reference: String, digits: Int) -> Bool {
        guard let a = BigFloat(ours, precision: 4000), let b = BigFloat(reference, precision: 4000) else { return false }
        return a.formatted(significantDigits: digits) == b.formatted(significantDigits: digits)
    }

    @Test(arguments: [50, 300])
    func agreesWithMpmath(digits: Int) throws {
        for (expression, ref50, ref300) in Self.cases {
            var arguments = ["eval", expression, "--digits", String(digits)]
            if expression.contains("R") { arguments += ["--set", "R=1e-60"] }
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(expression): \(result.stderr)")
            let printed = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let reference = digits == 50 ? ref50 : ref300
            #expect(Self.sameDecimal(printed, reference, digits: digits), "\(expression) at \(digits) digits: \(printed) vs mpmath \(reference)")
            // Exactly `digits` significant digits are printed.
            let mantissa = printed.split(separator: "e")[0].filter(\.isNumber).drop(while: { $0 == "0" })
            #expect(mantissa.count == digits, "\(expression): \(printed)")
        }
    }

    @Test func fixedPrecisionShowsTheCancellation() throws {
        // At 200 bits sqrt(1 + 1e-40) - 1 keeps only ~67 bits: --prec prints what MPFR computed there, and
        // the certified default does not.
        let fixed = try CLI.run(["eval", "sqrt(1 + 10^-40) - 1", "--prec", "200", "--digits", "30"])
        let certified = try CLI.run(["eval", "sqrt(1 + 10^-40) - 1", "--digits", "30"])
        #expect(fixed.status == 0 && certified.status == 0)
        #expect(fixed.stdout != certified.stdout)
        // mpmath.nstr(mpmath.sqrt(1 + mpmath.mpf(10)**-40) - 1, 30, strip_zeros=False) at dps 100: the true
        // value 4.99...99875e-41 (39 nines) rounds up at 30 digits.
        #expect(certified.stdout == "5.00000000000000000000000000000e-41\n")
    }
}

struct EvalErrorTests {
    /// Malformed expressions: exit status 2 and the column of the problem.
    static let malformed: [(String, Int)] = [
        ("1 +", 4), ("2x", 2), ("(1 + 2", 7), ("foo(1)", 1), ("sqrt()", 6), ("sqrt(1, 2)", 1), ("1 $ 2", 3),
        ("[1, 2", 6), ("x[0]", 2), ("1..2", 3), (")", 1), ("*2", 1), ("1 ^", 4), ("2^^3", 3), ("exp(", 5),
        ("exp)", 4), ("atan2(1)", 1), ("dot(1)", 1), ("norm(1, 2)", 1), ("1 2", 3), ("pi pi", 4), ("[ ]", 3),
        ("()", 2), ("1,2", 2), ("min(1,)", 7), ("max(,1)", 5), ("1e", 2), ("3 + * 4", 5), ("sin 1", 5),
        ("a' + 1", 2), ("1 == 2", 3), ("#comment", 9), ("\"s\"", 1), ("1 / / 2", 5), ("abs(-)", 6),
    ]

    @Test func malformedExpressionsExitWithStatus2AndColumn() throws {
        for (expression, column) in Self.malformed {
            let result = try CLI.run(["eval", expression])
            #expect(result.status == 2, "\(expression): status \(result.status)")
            #expect(result.stderr.contains("column \(column):"), "\(expression): \(result.stderr)")
        }
    }

    @Test func unknownSymbolIsAnInputError() throws {
        let result = try CLI.run(["eval", "x + 1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown symbol `x`"))
    }

    /// A product by 0 of a quotient by exactly 0 has no value either (it printed 0 for (1/p) sin(p) at p = 0).
    @Test func domainErrorsAreReportedAsSuch() throws {
        for arguments in [["log(-1)"], ["1/0"], ["sqrt(-2)"], ["sin(0)*(1/0)"], ["(1/p)*sin(p)", "--set", "p=0"]] {
            let expression = arguments[0]
            let result = try CLI.run(["eval"] + arguments)
            #expect(result.status == 1, "\(expression)")
            #expect(result.stderr.contains("domain error"), "\(expression): \(result.stderr)")
        }
    }

    /// A matrix prints as a literal, one row a line, every entry certified: mpmath 1.3 at mp.dps = 40,
    /// `mp.inverse(mp.matrix([[2, 1], [1, 3]]))` = [[0.6, -0.2], [-0.2, 0.4]] and
    /// `mp.expm(mp.matrix([[0, 1], [-1, 0]]))` = [[cos 1, sin 1], [-sin 1, cos 1]] with cos 1 =
    /// 0.5403023058681397174009366, sin 1 = 0.8414709848078965066525023 (`nstr(x, 25)`).
    @Test func matricesPrintAsLiteralsEntryByEntry() throws {
        let cases: [(String, [[String]])] = [
            ("inv([[2, 1], [1, 3]])", [["0.6", "-0.2"], ["-0.2", "0.4"]]),
            ("expm(t*[[0, 1], [-1, 0]])", [["0.5403023058681397174009366", "0.8414709848078965066525023"],
                                           ["-0.8414709848078965066525023", "0.5403023058681397174009366"]]),
        ]
        for (expression, reference) in cases {
            let result = try CLI.run(["eval", expression, "--digits", "25", "--set", "t=1"])
            #expect(result.status == 0, "\(expression): \(result.stderr)")
            let rows = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n")
            #expect(rows.count == 2, "\(result.stdout)")
            for (row, expected) in zip(rows, reference) {
                let entries = row.filter { !"[] ".contains($0) }.split(separator: ",").map(String.init).filter { !$0.isEmpty }
                #expect(entries.count == 2, "\(row)")
                for (entry, value) in zip(entries, expected) {
                    #expect(EvalAgainstMpmathTests.sameDecimal(entry, value, digits: 25), "\(expression): \(entry) vs mpmath \(value)")
                }
            }
        }
        // A vector prints on one line; a planted wrong reference (sin 1 for cos 1) is told apart.
        let vector = try CLI.run(["eval", "[[1, 2], [3, 4]] @ [1, 1]"])
        #expect(vector.stdout.hasPrefix("[3.0"), "\(vector.stdout)")
        #expect(!EvalAgainstMpmathTests.sameDecimal("0.5403023058681397174009366", "0.8414709848078965066525023", digits: 25))
    }

    @Test func anExactZeroItsNormalFormShowsPrintsZero() throws {
        // Each is 0 wherever it is defined, as ExactIdentity's normal form shows; their enclosures contain 0 at
        // every precision, so without the proof they ended in "cannot certify" at 2^17 bits.
        for expression in ["x - x", "exp(x) - exp(x)", "(x + 1)^2 - x^2 - 2*x - 1", "x/(x*sqrt(x)) - 1/sqrt(x)"] {
            let result = try CLI.run(["eval", expression, "--set", "x=sqrt(2)"])
            #expect(result.status == 0, "\(expression): \(result.stderr)")
            #expect(result.stdout == "0.00000000000000000000000000000\n", "\(expression): \(result.stdout)")
        }
        let vector = try CLI.run(["eval", "[x - x, x]", "--set", "x=sqrt(2)", "--digits", "5"])
        #expect(vector.stdout == "[0.0000, 1.4142]\n", "\(vector.stdout)")
        // Near zero but not zero: its enclosure contains 0 at the first precision (x is rounded at 132 bits,
        // ~1e-40), the proof fails, and the escalation finds the digits: exactly 10^-60.
        let tiny = try CLI.run(["eval", "(x + 10^-60) - x", "--set", "x=sqrt(2)"])
        #expect(tiny.stdout == "1.00000000000000000000000000000e-60\n", "\(tiny.stdout) \(tiny.stderr)")
        // Undefined is not zero: x/x - 1 at x = 0 is a domain error, though its normal form is 0.
        let undefined = try CLI.run(["eval", "x/x - 1", "--set", "x=0"])
        #expect(undefined.status == 1 && undefined.stderr.contains("domain error"), "\(undefined.stderr)")
    }

    @Test func exactZeroCannotBeCertifiedAndSaysSo() throws {
        let result = try CLI.run(["eval", "sin(pi)", "--digits", "10"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot certify"))
    }
}
