import PhasecheckTestSupport
@testable import PhasecheckNumbers
import PropertyBased
import Testing

/// det, inv, expm, sqrtm and powm in Double, MPFR and interval arithmetic, against mpmath.
///
/// Reference values: mpmath 1.3 at mp.dps = 60 (script below), printed to 40 significant digits.
///
///     from mpmath import mp, matrix, mpf, expm, sqrtm, inverse, det, eighe, diag, nstr
///     mp.dps = 60; F = lambda p, q=1: mpf(p)/q
///     A = matrix([[2, -1, F(1,2)], [F(1,3), 3, -2], [1, F(1,4), 1]])
///     S = matrix([[4, 1, F(1,2)], [1, 3, F(1,3)], [F(1,2), F(1,3), 2]])
///     E = matrix([[F(3,10), 6, -3], [F(3,2), -3, F(9,10)], [-6, 3, F(3,4)]])
///     det(A); inverse(A); det(E); expm(E); sqrtm(S)   # det(E) = -0.135 (two row swaps)
///     det(matrix([A[1,:], A[0,:], A[2,:]]))   # = -7.875 (one row swap)
///     ev, Q = eighe(S); powm = lambda p: Q * diag([x**p for x in ev]) * Q.T   # p = 1/3 and -1/2
struct MatrixFunctionTests {
    static let a: [BigRational] = [2, -1, BigRational(1, 2), BigRational(1, 3), 3, -2, 1, BigRational(1, 4), 1]
    static let s: [BigRational] = [4, 1, BigRational(1, 2), 1, 3, BigRational(1, 3), BigRational(1, 2), BigRational(1, 3), 2]
    static let e: [BigRational] = [BigRational(3, 10), 6, -3, BigRational(3, 2), -3, BigRational(9, 10), -6, 3, BigRational(3, 4)]

    static let detA = ["7.875"]
    static let invA = ["0.4444444444444444444444444444444444444444", "0.1428571428571428571428571428571428571429",
                       "0.06349206349206349206349206349206349206349", "-0.2962962962962962962962962962962962962963",
                       "0.1904761904761904761904761904761904761905", "0.5291005291005291005291005291005291005291",
                       "-0.3703703703703703703703703703703703703704", "-0.1904761904761904761904761904761904761905",
                       "0.8042328042328042328042328042328042328042"]
    static let expmE = ["64.62317614203877408212892224981178136373", "34.54675599996800033274431595986430298835",
                        "-39.89134000673431034744047136468699947355", "1.752961432720166549817461872866774188148",
                        "1.369925981023158327464152719105190412674", "-0.8166634800559691720238618080640316245375",
                        "-93.55013514801228776161817696357260206497", "-48.61372871533212079587032014087544914139",
                        "58.60952338294658219037397455042747713918"]
    static let sqrtmS = ["1.97702622393788539478456234163123892198", "0.2677058881554744431750133218031696122498",
                         "0.1403597781018295819309079008240496656719", "0.2677058881554744431750133218031696122498",
                         "1.708597354224178467126948882058906547559", "0.09501914851768469025247220942102530145841",
                         "0.1403597781018295819309079008240496656719", "0.09501914851768469025247220942102530145841",
                         "1.404019406598847315339328534028436064542"]
    static let cubeRootS = ["1.570842955175511444102045654492286463568", "0.1452124512062447014078254201546805305387",
                            "0.07749185378283379195586320063539183675755", "0.1452124512062447014078254201546805305387",
                            "1.42508765639374324922178129094226686953", "0.05274693100626951491545335388093935150241",
                            "0.07749185378283379195586320063539183675755", "0.05274693100626951491545335388093935150241",
                            "1.252189978835800380719569757625294100558"]
    static let inverseSqrtS = ["0.5197974509543936241835456049306220382301", "-0.07884964694819704844662238474283697372294",
                               "-0.0466278658629841070059953866968245144344", "-0.07884964694819704844662238474283697372294",
                               "0.5994474359458001818282440112651707927945", "-0.0326859199950750897334823009813065713058",
                               "-0.0466278658629841070059953866968245144344", "-0.0326859199950750897334823009813065713058",
                               "0.7191143230976821993767434971853085894307"]

    /// (function, argument, exponent, mpmath's value)
    static let cases: [(MatrixFunction, [BigRational], BigRational?, [String])] = [
        (.det, a, nil, detA), (.inv, a, nil, invA), (.det, e, nil, ["-0.135"]),
        (.det, Array(a[3..<6] + a[0..<3] + a[6..<9]), nil, ["-7.875"]), (.expm, e, nil, expmE), (.sqrtm, s, nil, sqrtmS),
        (.powm, s, BigRational(1, 3), cubeRootS), (.powm, s, BigRational(-1, 2), inverseSqrtS),
    ]

    static func reference(_ text: String) -> BigFloat { BigFloat(text, precision: 256)! }

    /// |x - ref| <= tolerance * max(1, |ref|).
    static func close(_ x: BigFloat, _ ref: BigFloat, _ tolerance: Double) -> Bool {
        let scale = BigFloat.max(BigFloat(1, precision: 256), BigFloat.abs(ref))
        return BigFloat.abs(x.rounded(toPrecision: 256) - ref) <= scale * BigFloat(tolerance, precision: 256)
    }

    /// dpowm(A, p, E), the derivative of powm at A along E (3 x 3, E not symmetric), against mpmath's sqrtm
    /// and powm differentiated numerically: Tests/DerivationsTests/Fixtures/matrix_power_derivative.mpmath.py
    /// (mpmath 1.3 at 60 digits, 35 printed). Double and MPFR by Daleckii and Krein's formula for any p;
    /// intervals enclose it (a verified Kronecker solve for the root's derivative) for p = m/N, and give no
    /// value for p = 0.37.
    static let derivativeA: [BigRational] = [2, BigRational(1, 2), BigRational(-1, 4), BigRational(1, 2), BigRational(3, 2), BigRational(3, 10),
                                             BigRational(-1, 4), BigRational(3, 10), 1]
    static let derivativeE: [BigRational] = [BigRational(2, 5), BigRational(-1, 5), BigRational(1, 10), BigRational(3, 5), BigRational(3, 10), 0,
                                             BigRational(1, 10), BigRational(-1, 2), BigRational(-1, 5)]
    static let derivativeCases: [(BigRational, [String])] = [
        (BigRational(1, 2), ["0.1409588676504131125923979797172771", "0.047642729740929973178574131028312186", "0.052358371512801964490849718638932704", "0.047642729740929973178574131028312186", "0.13206061418121691020229811694241108", "-0.12055390463517071474815319439309324", "0.052358371512801964490849718638932704", "-0.12055390463517071474815319439309324", "-0.077362788510945041443567799335146815"]),
        (BigRational(1, 3), ["0.084455723356588332813859157620836876", "0.02254108717532620873476442032497721", "0.035569883444268125227758832954891343", "0.02254108717532620873476442032497721", "0.085689877899237378727972642621783765", "-0.080011748255452483584280328991520875", "0.035569883444268125227758832954891343", "-0.080011748255452483584280328991520875", "-0.046649873457415996964876248187647098"]),
        (BigRational(-2, 3), ["-0.10340112385371281722414258971677756", "0.034245879446165176181664610236487569", "-0.083351072324200519127465401622849014", "0.034245879446165176181664610236487569", "-0.16713724195407110822780379783136831", "0.16803193140620193504627505298090383", "-0.083351072324200519127465401622849014", "0.16803193140620193504627505298090383", "0.033776080589726270862917429234206127"]),
        (BigRational(3, 2), ["0.87882930132149126505616790672968142", "0.52591460618963518894395835981715565", "0.14458589822462794370263442165450332", "0.52591460618963518894395835981715565", "0.54834042342463580934068032594050119", "-0.40237623783246364431506862442343517", "0.14458589822462794370263442165450332", "-0.40237623783246364431506862442343517", "-0.37183851695072774101005016091214089"]),
        (BigRational(37, 100), ["0.095926621232997289860150543720641895", "0.027177365637505376589837103920547927", "0.039312430623724186150698718834058853", "0.027177365637505376589837103920547927", "0.095622954652618793889683835044645315", "-0.088871476496122252520135224771132902", "0.039312430623724186150698718834058853", "-0.088871476496122252520135224771132902", "-0.052981364453651525570966765863632939"])]

    @Test func powerDerivativesMatchMpmath() {
        let mpfr = MPFRContext(precision: 128), double = DoubleContext(), interval = IntervalContext(precision: 128)
        let operands = Self.derivativeA + Self.derivativeE
        for (p, expected) in Self.derivativeCases {
            let references = expected.map(Self.reference)
            let precise = mpfr.apply(.dpowm, operands.map(mpfr.constant), size: 3, exponent: mpfr.constant(p))
            let rough = double.apply(.dpowm, operands.map(double.constant), size: 3, exponent: double.constant(p))
            let enclosed = interval.apply(.dpowm, operands.map(interval.constant), size: 3, exponent: interval.constant(p))
            for (i, ref) in references.enumerated() {
                #expect(Self.close(precise[i], ref, 1e-33), "p = \(p): MPFR \(precise[i]) vs mpmath \(expected[i])")
                #expect(Self.close(BigFloat(rough[i], precision: 53), ref, 1e-13), "p = \(p): Double \(rough[i]) vs mpmath \(expected[i])")
                if p.smallParts!.denominator > 12 {
                    #expect(enclosed[i].isNaN, "p = \(p) has no small denominator: no enclosure")
                } else {
                    let slack = BigFloat.abs(ref) * BigFloat(1e-34, precision: 256)
                    #expect(enclosed[i].overlaps(BigInterval(lower: ref - slack, upper: ref + slack)), "p = \(p): \(enclosed[i]) misses mpmath \(expected[i])")
                    #expect(enclosed[i].width < BigFloat(1e-30, precision: 53), "p = \(p): \(enclosed[i]) is too wide")
                }
            }
        }
    }

    @Test func mpfrMatchesMpmathTo36Digits() {
        let context = MPFRContext(precision: 200)
        for (f, matrix, p, expected) in Self.cases {
            let value = context.apply(f, matrix.map(context.constant), size: 3, exponent: p.map(context.constant))
            for (x, text) in zip(value, expected) {
                #expect(Self.close(x, Self.reference(text), 1e-36), "\(f): \(x) vs mpmath \(text)")
            }
        }
    }

    @Test func doubleMatchesMpmath() {
        let context = DoubleContext()
        for (f, matrix, p, expected) in Self.cases {
            let value = context.apply(f, matrix.map(context.constant), size: 3, exponent: p.map(context.constant))
            for (x, text) in zip(value, expected) {
                #expect(Self.close(BigFloat(x, precision: 53), Self.reference(text), 1e-12), "\(f): \(x) vs mpmath \(text)")
            }
        }
    }

    /// Every function encloses mpmath's value (to its 40 digits) in a narrow interval.
    /// At 100 bits the enclosures are narrower than mpmath's 40 digits' distance to any wrong value the
    /// enclosure could be off by, so a missing term shows.
    @Test(arguments: [100, 200]) func intervalsEncloseMpmath(bits: Int) {
        let context = IntervalContext(precision: bits)
        for (f, matrix, p, expected) in Self.cases {
            let value = context.apply(f, matrix.map(context.constant), size: 3, exponent: p.map(context.constant))
            for (x, text) in zip(value, expected) {
                let ref = Self.reference(text)
                let slack = BigFloat.abs(ref) * BigFloat(1e-39, precision: 256)
                #expect(x.overlaps(BigInterval(lower: ref - slack, upper: ref + slack)), "\(f): \(x) misses mpmath \(text)")
                let scale = BigFloat.max(BigFloat(1, precision: 53), BigFloat.abs(ref))
                #expect(x.width < scale * BigFloat.scaled(BigFloat(1, precision: 53), byPowerOfTwo: 16 - bits), "\(f): \(x) is too wide")
            }
        }
    }

    /// sqrtm and powm of a matrix whose symmetric part is not positive definite, and powm with an
    /// exponent that is no small-denominator rational, give NaN ("no information"), never a value.
    @Test func intervalRootsRefuseWhatTheyCannotEnclose() {
        let context = IntervalContext(precision: 128)
        let indefinite = [1, 2, 2, 1].map { context.constant($0) }
        #expect(context.apply(.sqrtm, indefinite, size: 2, exponent: nil).allSatisfy { $0.isNaN })
        let spd = Self.s.map(context.constant)
        #expect(context.apply(.powm, spd, size: 3, exponent: context.constant(BigRational(37, 100))).allSatisfy { $0.isNaN })
        #expect(context.apply(.powm, spd, size: 3, exponent: context.constant(BigRational(1, 5))).allSatisfy { $0.isFinite })
    }

    /// A singular matrix, and a box that contains singular matrices: no finite inverse is claimed; the
    /// determinant's enclosure contains 0.
    @Test func singularMatricesGiveNoFiniteInverse() {
        let context = IntervalContext(precision: 128)
        let singular = [1, 2, 2, 4].map { context.constant($0) }
        #expect(context.apply(.inv, singular, size: 2, exponent: nil).allSatisfy { !$0.isFinite })
        #expect(context.apply(.det, singular, size: 2, exponent: nil)[0].contains(BigFloat(0, precision: 128)))
        var box = [1, 2, 2, 4].map { context.constant($0) }
        box[3] = BigInterval(lower: BigFloat(3.9, precision: 128), upper: BigFloat(4.1, precision: 128))
        #expect(context.apply(.inv, box, size: 2, exponent: nil).allSatisfy { !$0.isFinite })
        let mpfr = MPFRContext(precision: 128)
        #expect(mpfr.apply(.inv, [1, 2, 2, 4].map { mpfr.constant($0) }, size: 2, exponent: nil).contains { !$0.isFinite })
    }

    /// A random n x n matrix with entries in [-2, 2] plus `shift` on the diagonal.
    static func randomMatrix(_ n: Int, _ d: Draw, shift: Int = 0) -> [BigRational] {
        (0..<(n * n)).map { k in BigRational(Int(d.unit.doubleValue * 4000) - 2000, 1000) + (k / n == k % n ? BigRational(shift) : 0) }
    }

    /// inv(A) A encloses I (every enclosure of inv(A) times A contains the identity).
    @Test func inverseTimesMatrixEnclosesIdentity() async {
        await seededPropertyCheck(count: 40, input: Draws.draw(), Gen.int(in: 1...6)) { d, n in
            let context = IntervalContext(precision: 160)
            let algebra = MatrixAlgebra(context: context, size: n)
            let matrix = Self.randomMatrix(n, d).map(context.constant)
            let inverse = context.apply(.inv, matrix, size: n, exponent: nil)
            guard inverse.allSatisfy(\.isFinite) else { return }
            for (entry, identity) in zip(algebra.product(inverse, matrix), algebra.identity()) {
                #expect(entry.contains(identity.lower), "inv(A) A has \(entry) where I has \(identity)")
                #expect(entry.width < BigFloat(1e-30, precision: 53))
            }
        }
    }

    /// sqrtm(S)^2 = S and powm(S, 1/3)^3 = S for random SPD S = M M^T + I, in MPFR.
    @Test func rootsOfRandomSPDMatricesSquareBack() async {
        await seededPropertyCheck(count: 30, input: Draws.draw(), Gen.int(in: 1...6)) { d, n in
            let context = MPFRContext(precision: 160)
            let algebra = MatrixAlgebra(context: context, size: n)
            let m = Self.randomMatrix(n, d).map(context.constant)
            let spd = zip(algebra.product(m, algebra.transpose(m)), algebra.identity()).map { $0 + $1 }
            let root = context.apply(.sqrtm, spd, size: n, exponent: nil)
            let cubeRoot = context.apply(.powm, spd, size: n, exponent: context.constant(BigRational(1, 3)))
            let squared = algebra.product(root, root)
            let cubed = algebra.product(cubeRoot, algebra.product(cubeRoot, cubeRoot))
            for (x, y) in zip(squared, spd) { #expect(Self.close(x, y.rounded(toPrecision: 256), 1e-40)) }
            for (x, y) in zip(cubed, spd) { #expect(Self.close(x, y.rounded(toPrecision: 256), 1e-40)) }
            // The interval enclosures (100 bits) contain the MPFR values (160 bits) and are narrow.
            let intervals = IntervalContext(precision: 100)
            let box = spd.map { BigInterval($0) }
            for (f, p, values) in [(MatrixFunction.sqrtm, nil, root), (.powm, BigRational(1, 3), cubeRoot)] {
                let enclosure = intervals.apply(f, box, size: n, exponent: p.map(intervals.constant))
                for (x, y) in zip(enclosure, values) {
                    let slack = BigFloat(1e-44, precision: 53)
                    #expect(x.overlaps(BigInterval(lower: y - slack, upper: y + slack)), "\(f): \(x) misses \(y)")
                    #expect(x.width < BigFloat(1e-24, precision: 53), "\(f): \(x) is too wide")
                }
            }
        }
    }

    /// expm(A + B) = expm(A) expm(B) for commuting A and B = 2 A^2 - A / 3, in interval arithmetic: the
    /// two enclosures overlap, and both are narrow.
    @Test func exponentialOfCommutingSumFactors() async {
        await seededPropertyCheck(count: 25, input: Draws.draw(), Gen.int(in: 1...5)) { d, n in
            let context = IntervalContext(precision: 160)
            let algebra = MatrixAlgebra(context: context, size: n)
            let a = Self.randomMatrix(n, d).map(context.constant)
            let b = zip(algebra.product(a, a), a).map { context.constant(2) * $0 - $1 / context.constant(3) }
            let sum = context.apply(.expm, zip(a, b).map { $0 + $1 }, size: n, exponent: nil)
            let factored = algebra.product(context.apply(.expm, a, size: n, exponent: nil),
                                           context.apply(.expm, b, size: n, exponent: nil))
            for (x, y) in zip(sum, factored) {
                #expect(x.overlaps(y), "expm(A+B) = \(x), expm(A) expm(B) = \(y)")
                let scale = BigFloat.max(BigFloat(1, precision: 53), x.magnitudeUpper)
                #expect(x.width < scale * BigFloat(1e-25, precision: 53))
            }
        }
    }

    /// expm of the matrix benchmark's F t (Benchmarks/matrix_benchmark.sh: F = [[0, S], [S, 0]],
    /// S_ij = 1/(i + j + 1) + [i = j], n = 3, t = 5/3; infinity norm 2.97, so three squarings of a Taylor
    /// polynomial of order 38 at 200 bits, evaluated by Paterson and Stockmeyer's rule), against mpmath
    /// (mp.dps = 60, `expm(F*mpf(5)/3)`, entries (1,1), (1,5), (6,6), (3,4) to 40 digits) in MPFR and intervals,
    /// and the polynomial against its terms summed one by one (the former evaluation) at every order up to 41.
    @Test func exponentialByPatersonStockmeyer() {
        let n = 3
        var f = [BigRational](repeating: 0, count: 4 * n * n)
        for i in 0..<n {
            for j in 0..<n {
                let s = BigRational(1, i + j + 3) + BigRational(i == j ? 1 : 0)
                f[(n + i) * 2 * n + j] = s
                f[j * 2 * n + n + i] = s
            }
        }
        let ft = f.map { $0 * BigRational(5, 3) }
        let expected = [(0, 0, "5.351167880757358387291543054291745586722"), (0, 4, "2.040847526777489203711539968557608760887"),
                        (5, 5, "3.841111330075826728603875735857045031416"), (2, 3, "1.652121692442013996713869242659706413837")]
        let point = MPFRContext(precision: 200).apply(.expm, ft.map(MPFRContext(precision: 200).constant), size: 2 * n, exponent: nil)
        let enclosure = IntervalContext(precision: 200).apply(.expm, ft.map(IntervalContext(precision: 200).constant), size: 2 * n, exponent: nil)
        for (i, j, text) in expected {
            let ref = Self.reference(text)
            #expect(Self.close(point[i * 2 * n + j], ref, 1e-38), "(\(i),\(j)): \(point[i * 2 * n + j]) vs mpmath \(text)")
            let slack = BigFloat.abs(ref) * BigFloat(1e-39, precision: 256)
            #expect(enclosure[i * 2 * n + j].overlaps(BigInterval(lower: ref - slack, upper: ref + slack)), "(\(i),\(j)) misses mpmath \(text)")
            #expect(enclosure[i * 2 * n + j].width < BigFloat(1e-50, precision: 53) * ref)
        }
        // X = F t / 8 (norm below 1/2): the rule's polynomial against the terms summed one by one.
        let context = MPFRContext(precision: 200)
        let algebra = MatrixAlgebra(context: context, size: 2 * n)
        let x = ft.map { context.constant($0 / 8) }
        var sum = algebra.identity(), term = algebra.identity()
        for order in 1...41 {
            term = algebra.product(term, x).map { $0 / context.constant(order) }
            sum = zip(sum, term).map { $0 + $1 }
            for (a, b) in zip(algebra.taylorPolynomial(x, order: order), sum) {
                #expect(Self.close(a, b, 1e-55), "order \(order): \(a) vs \(b)")
            }
        }
    }

    /// The product in MPFR rounds each entry once (exact products summed in a fixed-point accumulator): on 12 x 12
    /// matrices of 40-bit integers times 2^-s (s in 0...20, exact at 64 bits), whose entries' exact sums
    /// of products need about 100 bits, every entry equals the exact rational product correctly rounded to 64 bits
    /// when the entries are positive (rounding term by term misses it in most entries), and with mixed signs it
    /// is within half a unit in the last place plus n 2^-128 of the largest term (CMPFR/seriesdot.h's bound).
    /// A NaN entry falls back to the sums term by term: NaN where it is read, the other entries unchanged.
    @Test(arguments: [false, true]) func productRoundsEachEntryOnce(mixedSigns: Bool) {
        let n = 12, bits = 64
        var generator = SplitMix64(seed: mixedSigns ? 11 : 7)
        func entry() -> BigRational {
            let magnitude = Int(generator.next() >> 24) | 1, shift = Int(generator.next() % 21)
            let sign = mixedSigns && generator.next() % 2 == 0 ? -1 : 1
            return BigRational(sign * magnitude, 1 << shift)
        }
        let a = (0..<(n * n)).map { _ in entry() }, b = (0..<(n * n)).map { _ in entry() }
        let context = MPFRContext(precision: bits)
        let algebra = MatrixAlgebra(context: context, size: n)
        let product = algebra.product(a.map(context.constant), b.map(context.constant))
        var termByTermExact = 0
        for i in 0..<n {
            for j in 0..<n {
                let terms = (0..<n).map { a[i * n + $0] * b[$0 * n + j] }
                let exact = terms.reduce(BigRational(0), +)
                let rounded = BigFloat(exact, precision: bits)
                if mixedSigns {
                    let largest = terms.map { BigFloat.abs(BigFloat($0, precision: bits)) }.reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, $1) }
                    let ulp = BigFloat(BigRational(1), precision: bits) * BigFloat.pow(BigFloat(2, precision: bits), (rounded.binaryExponent ?? 0) - bits)
                    let bound = ulp / BigFloat(2, precision: bits) + largest * BigFloat(BigRational(n), precision: bits) / BigFloat.pow(BigFloat(2, precision: bits), 128)
                    let error = BigFloat.abs(product[i * n + j].rounded(toPrecision: 4 * bits) - BigFloat(exact, precision: 4 * bits))
                    #expect(error <= bound, "(\(i),\(j)): off by \(error), bound \(bound)")
                } else {
                    #expect(product[i * n + j] == rounded, "(\(i),\(j)): \(product[i * n + j]) is not \(rounded)")
                    let termByTerm = (0..<n).dropFirst().reduce(context.constant(terms[0])) { $0 + context.constant(a[i * n + $1]) * context.constant(b[$1 * n + j]) }
                    if termByTerm == rounded { termByTermExact += 1 }
                }
            }
        }
        if !mixedSigns { #expect(termByTermExact < n * n / 2, "rounding term by term is correctly rounded in \(termByTermExact) of \(n * n) entries") }
        var withNaN = a.map(context.constant)
        withNaN[3 * n + 5] = BigFloat(Double.nan, precision: bits)
        let fallback = algebra.product(withNaN, b.map(context.constant))
        for i in 0..<n {
            for j in 0..<n {
                #expect(fallback[i * n + j].isNaN == (i == 3), "(\(i),\(j))")
            }
        }
    }
}
