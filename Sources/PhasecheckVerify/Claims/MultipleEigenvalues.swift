import PhasecheckNumbers

/// Claimed eigenvalues matched with their multiplicities through the characteristic polynomial, for a spectrum whose
/// roots cannot be isolated one by one (a multiple eigenvalue: the Jacobian 0 of a quadratically convergent
/// iteration, l1 l2 twice in a Riccati recursion's linearisation).
///
/// With q the monic polynomial of the claimed values z_j and p the characteristic polynomial (interval coefficients),
/// every root of p_s = q + s (p - q), 0 <= s <= 1, lies within R = 1 + max_k max(|p_k|, |q_k|) (Cauchy's bound holds for
/// each p_s, whose coefficients lie between q's and p's), so |q(x)| = |s (p - q)(x)| <= eps = sum_k |p_k - q_k| R^k there
/// and some |x - z_j| <= rho = eps^(1/n). The discs of radius rho about the claimed values group into connected
/// components; as s goes from 0 to 1 no root leaves their union, so each component holds as many roots of p as claimed
/// values. Every eigenvalue in a component is then within its diameter (plus 2 rho per disc) of each claimed value in it.
/// The converse fails a claim: if each root were within d of its claimed value, each coefficient of p would differ from
/// q's by at most C(n, k) ((M + d)^k - M^k), M the largest |z_j|.
struct ClaimedSpectrum {
    /// A claimed eigenvalue (imaginary part 0 for a real one), and the distances within which the true one holds the
    /// claim (`holds`) or beyond which it certainly fails it (`fails`).
    struct Value {
        var re: BigInterval
        var im: BigInterval
        var holds: BigFloat
        var fails: BigFloat
    }

    enum Verdict: Equatable {
        /// Every eigenvalue lies within `radius` of its claimed value, well within what the claim allows.
        case holds(radius: BigFloat)
        /// The coefficient of x^k differs from the claimed polynomial's by more than any matching within the claim allows.
        case fails(power: Int)
        case undecided
    }

    var values: [Value]

    /// `coefficients`: the characteristic polynomial's, ascending, monic, of degree `values.count`.
    func judge(coefficients p: [BigInterval], bits: Int) -> Verdict {
        let n = values.count
        guard p.count == n + 1, n > 0 else { return .undecided }
        let zero = BigInterval(BigRational(0), precision: bits)
        let one = BigInterval(BigRational(1), precision: bits)
        // q = prod (x - z_j) in complex interval arithmetic, ascending powers.
        var qRe = [one], qIm = [zero]
        for z in values {
            var re = Array(repeating: zero, count: qRe.count + 1), im = re
            for k in 0..<qRe.count {
                re[k + 1] = re[k + 1] + qRe[k]
                im[k + 1] = im[k + 1] + qIm[k]
                re[k] = re[k] - (z.re * qRe[k] - z.im * qIm[k])
                im[k] = im[k] - (z.re * qIm[k] + z.im * qRe[k])
            }
            qRe = re
            qIm = im
        }
        func magnitude(_ x: BigInterval) -> BigInterval { BigInterval(x.magnitudeUpper) }
        let gap = (0..<n).map { k in magnitude(p[k] - qRe[k]) + magnitude(qIm[k]) }
        let bound = (0..<n).map { k in BigInterval.max(magnitude(p[k]), magnitude(qRe[k]) + magnitude(qIm[k])) }.reduce(zero, BigInterval.max) + one
        let eps = (0..<n).reduce(zero) { sum, k in sum + gap[k] * BigInterval.pow(bound, k) }
        if let verdict = matched(eps: eps, n: n, one: one) { return verdict }
        // Fails: some coefficient's certain gap exceeds what roots within `fails` of the claimed values allow.
        // M bounds every |z_j| (|re| + |im| >= the modulus), D every distance allowed.
        let modulus = values.map { BigInterval($0.re.magnitudeUpper) + BigInterval($0.im.magnitudeUpper) }.reduce(zero, BigInterval.max)
        let reach = modulus + values.map { BigInterval($0.fails) }.reduce(zero, BigInterval.max)
        var binomial = one
        for k in 1...n {
            binomial = binomial * BigInterval(BigRational(n - k + 1, k), precision: bits)
            let allowed = binomial * (BigInterval.pow(reach, k) - BigInterval.pow(modulus, k))
            let lowerGap = BigFloat.max(p[n - k].lower - qRe[n - k].upper, qRe[n - k].lower - p[n - k].upper)
            if lowerGap > allowed.upper || qIm[n - k].lower > allowed.upper || -qIm[n - k].upper > allowed.upper { return .fails(power: n - k) }
        }
        return .undecided
    }

    /// Holds when every claimed value's component lies within its `holds` distance. Components are formed with discs of
    /// radius rho = eps^(1/n); within a component C of m values, every other claimed value z_i is at least delta_i away,
    /// so |q(x)| >= |x - z|^m prod delta_i there and the discs shrink to (eps/prod delta_i)^(1/m): a double eigenvalue
    /// given to 60 digits is then placed to 30, where eps^(1/n) alone would place it to 15.
    private func matched(eps: BigInterval, n: Int, one: BigInterval) -> Verdict? {
        func root(_ x: BigInterval, _ m: Int) -> BigFloat {
            x.upper.isZero ? x.upper : BigInterval.exp(BigInterval.log(BigInterval(x.upper)) / BigInterval(BigRational(m), precision: x.precision)).upper
        }
        // The claimed values' own enclosures widen each disc.
        let widths = values.map { $0.re.width + $0.im.width }
        let radii = widths.map { root(eps, n) + $0 }
        /// A lower bound on |z_i - z_j| (0 when they may coincide).
        func apart(_ i: Int, _ j: Int) -> BigFloat {
            let re = BigFloat.max(values[i].re.lower - values[j].re.upper, values[j].re.lower - values[i].re.upper)
            let im = BigFloat.max(values[i].im.lower - values[j].im.upper, values[j].im.lower - values[i].im.upper)
            return BigFloat.max(BigFloat.max(re, im), BigFloat(0, precision: 64))
        }
        // Components: discs i and j may overlap unless their centres are certainly farther apart than r_i + r_j.
        var component = Array(0..<values.count)
        func root(_ i: Int) -> Int { component[i] == i ? i : root(component[i]) }
        for i in values.indices {
            for j in values.indices where j > i && apart(i, j) <= radii[i] + radii[j] {
                component[root(j)] = root(i)
            }
        }
        var worst = BigFloat(0, precision: 64)
        for i in values.indices {
            let members = values.indices.filter { root($0) == root(i) }
            // Every x in the component's discs is at least apart(i, j) - r_j from an outside z_i.
            let outside = values.indices.filter { root($0) != root(i) }
            let separation = outside.reduce(one) { product, o in
                product * BigInterval(members.map { apart(o, $0) - radii[$0] }.min()!)
            }
            guard separation.lower.sign > 0 else { return nil }
            let local = root(eps / separation, members.count)
            let spread = members.map { j in
                (BigInterval((values[i].re - values[j].re).magnitudeUpper) + BigInterval((values[i].im - values[j].im).magnitudeUpper)).upper
            }.reduce(BigFloat(0, precision: 64), BigFloat.max)
            let reach = members.reduce(spread) { $0 + BigFloat(2, precision: 64) * (local + widths[$1]) }
            guard reach <= values[i].holds else { return nil }
            worst = BigFloat.max(worst, reach)
        }
        return .holds(radius: worst)
    }
}
