import PhasecheckNumbers
import Testing

/// Reference values from mpmath 1.3 (gmpy backend), 60 working digits, printed to 50 significant digits by
///
///     python3 -c "
///     import mpmath as m; m.mp.dps=60; q=m.mpf; s=lambda v: m.nstr(v,50,strip_zeros=False)
///     x=q(7)/10; y=q(13)/10
///     for name,v in [('sqrt 2',m.sqrt(2)),('cbrt 2',m.cbrt(2)),('exp x',m.exp(x)),
///       ('expm1 1e-10',m.expm1(q('1e-10'))),('log x',m.log(x)),('log1p 1e-10',m.log1p(q('1e-10'))),
///       ('sin x',m.sin(x)),('cos x',m.cos(x)),('tan x',m.tan(x)),('asin x',m.asin(x)),('acos x',m.acos(x)),
///       ('atan x',m.atan(x)),('sinh x',m.sinh(x)),('cosh x',m.cosh(x)),('tanh x',m.tanh(x)),
///       ('asinh x',m.asinh(x)),('acosh 1.7',m.acosh(q(17)/10)),('atanh x',m.atanh(x)),('abs -x',abs(-x)),
///       ('erf x',m.erf(x)),('erfc x',m.erfc(x)),('erfc 10',m.erfc(10)),('sign -x',m.sign(-x)),
///       ('pow x y',m.power(x,y)),('pow -1.5 5',m.power(q(-3)/2,5)),('atan2 -x -y',m.atan2(-x,-y)),
///       ('min',min(x,y)),('max',max(x,y)),('sin 1e22',m.sin(q(10)**22)),('cos 1e22',m.cos(q(10)**22)),
///       ('exp 1000',m.exp(1000)),('log 10^1000',m.log(q(10)**1000)),('pi',m.pi)]: print(name,'|',s(v))"
///
/// Arguments are the rationals 7/10, 13/10, 17/10, 10^-10, -3/2, 10^22, 1000 and 10^1000 rounded to 200 bits;
/// at 50 digits the rounding of the argument is invisible.
struct ReferenceValueTests {
    static let precision = 200

    static func arg(_ text: String) -> BigFloat { BigFloat(BigRational(text)!, precision: precision) }

    /// Our value and the reference, both printed to 50 significant digits (the reference parsed first, so
    /// the two notations agree).
    static func expectMatches(_ value: BigFloat, _ reference: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = BigFloat(reference, precision: 256)!.formatted(significantDigits: 50)
        #expect(value.formatted(significantDigits: 50) == expected, sourceLocation: sourceLocation)
    }

    static let unary: [(ElementaryFunction, String, String)] = [
        (.sqrt, "2", "1.4142135623730950488016887242096980785696718753769"),
        (.cbrt, "2", "1.2599210498948731647672106072782283505702514647015"),
        (.exp, "7/10", "2.0137527074704765216245493885830652700175423941459"),
        (.expm1, "1e-10", "0.00000000010000000000500000000016666666667083333333341666667"),
        (.log, "7/10", "-0.35667494393873237891263871124118447796401675904691"),
        (.log1p, "1e-10", "0.000000000099999999995000000000333333333308333333335333333333"),
        (.sin, "7/10", "0.64421768723769105367261435139872018306581384457369"),
        (.cos, "7/10", "0.76484218728448842625585999019186490926821055037370"),
        (.tan, "7/10", "0.84228838046307944812813500221293771718722125080420"),
        (.asin, "7/10", "0.77539749661075306374035335271498711355578873864116"),
        (.acos, "7/10", "0.79539883018414355549096833892476432854279596104639"),
        (.atan, "7/10", "0.61072596438920861654375887649023609381850306612883"),
        (.sinh, "7/10", "0.75858370183953350345987464759276815415493761421703"),
        (.cosh, "7/10", "1.2551690056309430181646747409902971158626047799288"),
        (.tanh, "7/10", "0.60436777711716349630868718310382647501556664741686"),
        (.asinh, "7/10", "0.65266656608235578680868634410967589744239743329899"),
        (.acosh, "17/10", "1.1232309825872958895311457962279854072130811849927"),
        (.atanh, "7/10", "0.86730052769405319442714469047530041547035622738150"),
        (.abs, "-7/10", "0.70000000000000000000000000000000000000000000000000"),
        (.erf, "7/10", "0.67780119383741847297562880924415139671628817433487"),
        (.erfc, "7/10", "0.32219880616258152702437119075584860328371182566513"),
        // erfc far in the tail, where 1 - erf would have lost every digit.
        (.erfc, "10", "2.0884875837625447570007862949577886115608181193212e-45"),
        (.sign, "-7/10", "-1.0000000000000000000000000000000000000000000000000"),
        (.sin, "10000000000000000000000", "-0.85220084976718880177270589375302936826176215041004"),
        (.cos, "10000000000000000000000", "0.52321478539513894549759447338470949214091997243939"),
        (.exp, "1000", "1.9700711140170469938888793522433231253169379853238e+434"),
    ]

    @Test func everyElementaryFunctionHasAReference() {
        #expect(Set(Self.unary.map(\.0)) == Set(ElementaryFunction.allCases))
    }

    @Test(arguments: 0..<unary.count) func elementaryFunction(_ i: Int) {
        let (f, x, reference) = Self.unary[i]
        Self.expectMatches(BigFloat.apply(f, Self.arg(x)), reference)
    }

    @Test func twoArgumentFunctions() {
        let x = Self.arg("7/10"), y = Self.arg("13/10")
        Self.expectMatches(BigFloat.pow(x, y), "0.62896640925344783310554434377852977826774081856510")
        Self.expectMatches(BigFloat.pow(Self.arg("-3/2"), 5), "-7.5937500000000000000000000000000000000000000000000")
        Self.expectMatches(BigFloat.pow(Self.arg("-3/2"), Self.arg("5")), "-7.5937500000000000000000000000000000000000000000000")
        Self.expectMatches(BigFloat.atan2(y: -x, x: -y), "-2.6476512846702120208425871588925183566510446485434")
        Self.expectMatches(BigFloat.min(x, y), "0.70000000000000000000000000000000000000000000000000")
        Self.expectMatches(BigFloat.max(x, y), "1.3000000000000000000000000000000000000000000000000")
        #expect(Set(BinaryFunction.allCases) == [.pow, .atan2, .min, .max])
    }

    @Test func largeArgumentsAndConstants() {
        let googolPower = BigFloat(BigRational(10).power(1000), precision: Self.precision)
        Self.expectMatches(BigFloat.log(googolPower), "2302.5850929940456840179914546843642076011014886288")
        Self.expectMatches(BigFloat.pi(precision: Self.precision), "3.1415926535897932384626433832795028841971693993751")
        Self.expectMatches(MPFRContext(precision: Self.precision).pi, "3.1415926535897932384626433832795028841971693993751")
    }

    /// The interval versions certify the same 50 digits.
    @Test(arguments: 0..<unary.count) func intervalCertifiesReference(_ i: Int) {
        let (f, x, reference) = Self.unary[i]
        let enclosure = BigInterval.apply(f, BigInterval(BigRational(x)!, precision: Self.precision))
        let expected = BigFloat(reference, precision: 256)!.formatted(significantDigits: 50)
        #expect(enclosure.certifiedDecimal(significantDigits: 50) == expected)
    }
}
