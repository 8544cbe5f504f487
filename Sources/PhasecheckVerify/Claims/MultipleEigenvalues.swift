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
        /// The claim lists another number of values than the characteristic polynomial's degree (certain: it is monic).
        case wrongCount(eigenvalues: Int)
        /// |p(z_j)| at the claimed value z_j (index `value`) exceeds what roots within the claim's distances allow.
        case failsAtValue(Int)
        case undecided
    }

    var values: [Value]

    /// `coefficients`: the characteristic polynomial's, ascending, monic, of degree `values.count`.
    func judge(coefficients p: [BigInterval], bits: Int) -> Verdict {
        let n = values.count
        guard p.count == n + 1 else { return .wrongCount(eigenvalues: p.count - 1) }
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
        if let j = valueTooFarFromRoots(p, bits: bits) { return .failsAtValue(j) }
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

    /// A claimed value z_j at which p is too large for a matching within the claim: were every root l_i within `fails`
    /// (d_i) of its claimed z_i, |p(z_j)| = prod_i |z_j - l_i| <= prod_i (|z_j - z_i| + d_i). It sees a double root moved
    /// by e (|p(z)| ~ e^2) where the coefficients' gap (also ~ e^2, against allowances linear in d) cannot.
    private func valueTooFarFromRoots(_ p: [BigInterval], bits: Int) -> Int? {
        let zero = BigInterval(BigRational(0), precision: bits)
        for (j, z) in values.enumerated() {
            // p(z_j) by Horner's rule in complex interval arithmetic (p ascending and monic).
            var re = p[p.count - 1], im = zero
            for k in stride(from: p.count - 2, through: 0, by: -1) {
                (re, im) = (re * z.re - im * z.im + p[k], re * z.im + im * z.re)
            }
            let modulusLower = BigFloat.max(re.magnitudeLower, im.magnitudeLower)
            let allowed = values.reduce(BigInterval(BigRational(1), precision: bits)) { product, zi in
                let distance = BigInterval((z.re - zi.re).magnitudeUpper) + BigInterval((z.im - zi.im).magnitudeUpper)
                return product * (distance + BigInterval(zi.fails))
            }
            if modulusLower > allowed.upper { return j }
        }
        return nil
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
        // Radii and reaches are upper bounds and distances apart lower bounds: each sum is rounded outward.
        let radii = widths.map { BigFloat.sum(root(eps, n), $0, rounding: .up) }
        /// A lower bound on |z_i - z_j| (0 when they may coincide).
        func apart(_ i: Int, _ j: Int) -> BigFloat {
            func gap(_ a: BigInterval, _ b: BigInterval) -> BigFloat {
                BigFloat.max(BigFloat.difference(a.lower, b.upper, rounding: .down), BigFloat.difference(b.lower, a.upper, rounding: .down))
            }
            let re = gap(values[i].re, values[j].re), im = gap(values[i].im, values[j].im)
            return BigFloat.max(BigFloat.max(re, im), BigFloat(0, precision: 64))
        }
        // Components: discs i and j may overlap unless their centres are certainly farther apart than r_i + r_j.
        var component = Array(0..<values.count)
        func root(_ i: Int) -> Int { component[i] == i ? i : root(component[i]) }
        for i in values.indices {
            for j in values.indices where j > i && apart(i, j) <= BigFloat.sum(radii[i], radii[j], rounding: .up) {
                component[root(j)] = root(i)
            }
        }
        var worst = BigFloat(0, precision: 64)
        for i in values.indices {
            let members = values.indices.filter { root($0) == root(i) }
            // Every x in the component's discs is at least apart(i, j) - r_j from an outside z_i.
            let outside = values.indices.filter { root($0) != root(i) }
            let separation = outside.reduce(one) { product, o in
                product * BigInterval(members.map { BigFloat.difference(apart(o, $0), radii[$0], rounding: .down) }.min()!)
            }
            guard separation.lower.sign > 0 else { return nil }
            let local = root(eps / separation, members.count)
            let spread = members.map { j in
                (BigInterval((values[i].re - values[j].re).magnitudeUpper) + BigInterval((values[i].im - values[j].im).magnitudeUpper)).upper
            }.reduce(BigFloat(0, precision: 64), BigFloat.max)
            let reach = members.reduce(spread) { BigFloat.sum($0, BigFloat.scaled(BigFloat.sum(local, widths[$1], rounding: .up), byPowerOfTwo: 1), rounding: .up) }
            guard reach <= values[i].holds else { return nil }
            worst = BigFloat.max(worst, reach)
        }
        return .holds(radius: worst)
    }
}
