import Foundation

/// Quantities against time or steps as a plain SVG line plot (`phasecheck plot`): each series a line (the
/// flow) or markers (the iterates of a map), a colour per series, axes with ticks, a legend, and a linear
/// or logarithmic y axis. Only the values given are drawn: a caller leaves out every value whose digits
/// are not certified (a gap in the line), and says in the series' label or the note what was left out.
public struct LinePlot: Sendable {
    public enum Mark: Sendable { case line, markers }

    /// Whether a coordinate can be placed on an axis: 0, or a magnitude from 1e-300 to 1e300, so that
    /// spans, ticks and their ratios stay finite and normal in double precision.
    public static func isDrawable(_ value: Double) -> Bool { value == 0 || (1e-300...1e300).contains(Swift.abs(value)) }

    /// A value to draw: `y` known to within `uncertainty` (0 for certified digits; the bound b of a value
    /// certified only as `0 ± b`). It is drawn only when the uncertainty is below half a pixel.
    public struct Point: Sendable {
        public var x: Double
        /// nil: a value not drawn (the line breaks there).
        public var y: Double?
        public var uncertainty: Double

        public init(x: Double, y: Double?, uncertainty: Double = 0) {
            self.x = x
            self.y = y
            self.uncertainty = uncertainty
        }
    }

    public struct Series: Sendable {
        public var label: [TextRun]
        /// In order of x.
        public var points: [Point]
        public var mark: Mark
        /// The palette entry (a flow line and the iterates of one scenario share one).
        public var colour: Int

        public init(label: [TextRun], points: [Point], mark: Mark, colour: Int) {
            self.label = label
            self.points = points
            self.mark = mark
            self.colour = colour
        }
    }

    public var title: [TextRun]
    public var xLabel: [TextRun]
    public var yLabel: [TextRun]
    public var logY: Bool
    /// The y values shown (`--y-range`); values outside are left out and counted in `offScale`. Nil: all.
    public var yRange: ClosedRange<Double>?
    public var series: [Series]
    /// A line under the plot (what was left out, the width used).
    public var note: String?

    /// Colour-blind-safe (Okabe and Ito), then darker variants.
    static let palette = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#f0e442"]
    static let plotWidth = 560.0, plotHeight = 340.0
    /// With no positive value, a log axis shows one decade about 1.
    static let emptyLogRange = (0.1, 10.0)

    public init(title: [TextRun], xLabel: [TextRun], yLabel: [TextRun], logY: Bool = false, yRange: ClosedRange<Double>? = nil,
                series: [Series], note: String? = nil) {
        self.yRange = yRange
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.series = series
        self.note = note
    }

    /// The points the axis can show (finite, y > 0 on a log axis, within `yRange`), the others as gaps.
    func showable(_ s: Series) -> [(x: Double, y: Double?)] {
        s.points.map { p in (p.x, p.y.flatMap { $0.isFinite && (!logY || $0 > 0) && yRange?.contains($0) != false ? $0 : nil }) }
    }

    /// How many values the axis could show lie outside `yRange` (and are not drawn).
    public var offScale: Int {
        guard let yRange else { return 0 }
        return series.reduce(0) { $0 + $1.points.filter { p in p.y.map { $0.isFinite && (!logY || $0 > 0) && !yRange.contains($0) } ?? false }.count }
    }

    /// The points drawn: showable, and known to within half a pixel of the y axis.
    func drawable(_ s: Series, _ yAxis: Axis) -> [(x: Double, y: Double?)] {
        let halfPixel = yAxis.log ? 0 : (yAxis.upper - yAxis.lower) / Self.plotHeight / 2
        return zip(s.points, showable(s)).map { p, shown in (shown.x, p.uncertainty <= halfPixel ? shown.y : nil) }
    }

    /// How many values were left out because their bound is wider than half a pixel.
    public var unresolved: Int {
        let yAxis = axes.y
        return series.reduce(0) { total, s in total + zip(showable(s), drawable(s, yAxis)).filter { $0.0.y != nil && $0.1.y == nil }.count }
    }

    var axes: (x: Axis, y: Axis) {
        let all = series.flatMap(showable)
        let xs = all.map(\.x), ys = all.compactMap(\.y)
        let empty = logY ? Self.emptyLogRange : (0, 1)
        let (low, high) = yRange.map { ($0.lowerBound, $0.upperBound) } ?? (ys.min() ?? empty.0, ys.max() ?? empty.1)
        return (Axis(lower: xs.min() ?? 0, upper: xs.max() ?? 1, log: false), Axis(lower: low, upper: high, log: logY))
    }

    public func render() -> String {
        let (xAxis, yAxis) = axes
        let all = series.flatMap { drawable($0, yAxis) }
        let yTickWidth = yAxis.ticks.map { SVGDocument.width($0.label) }.max() ?? 0
        let left = 20 + Int(yTickWidth.rounded(.up)) + 24, top = 44
        let legendWidth = 40 + Int((series.map { SVGDocument.width($0.label) }.max() ?? 0).rounded(.up))
        let width = max(left + Int(Self.plotWidth) + 20 + legendWidth, 20 + Int(SVGDocument.width(title, size: 14)))
        let height = max(top + Int(Self.plotHeight) + 54 + (note == nil ? 0 : 18), top + 20 * series.count + 10)
        func px(_ x: Double) -> Double { Double(left) + xAxis.fraction(x) * Self.plotWidth }
        func py(_ y: Double) -> Double { Double(top) + (1 - yAxis.fraction(y)) * Self.plotHeight }
        let n = SVGDocument.number
        var svg = SVGDocument(width: width, height: height)
        svg.text(title, x: Double(left), y: 24, size: 14)

        svg.open(group: "axes")
        svg.raw("<rect x=\"\(left)\" y=\"\(top)\" width=\"\(Int(Self.plotWidth))\" height=\"\(Int(Self.plotHeight))\" fill=\"none\" stroke=\"#333\"/>")
        for tick in xAxis.ticks {
            let x = px(tick.value)
            svg.raw("<line x1=\"\(n(x))\" y1=\"\(n(py(yAxis.lower)))\" x2=\"\(n(x))\" y2=\"\(n(py(yAxis.lower) + 4))\" stroke=\"#333\"/>")
            svg.text(tick.label, x: x, y: py(yAxis.lower) + 17, anchor: "middle")
        }
        for tick in yAxis.ticks {
            let y = py(tick.value)
            svg.raw("<line x1=\"\(left)\" y1=\"\(n(y))\" x2=\"\(n(Double(left) + Self.plotWidth))\" y2=\"\(n(y))\" stroke=\"#e5e5e5\"/>")
            svg.raw("<line x1=\"\(left - 4)\" y1=\"\(n(y))\" x2=\"\(left)\" y2=\"\(n(y))\" stroke=\"#333\"/>")
            svg.text(tick.label, x: Double(left - 7), y: y + 4, anchor: "end")
        }
        svg.text(xLabel + xAxis.scaleRuns, x: Double(left) + Self.plotWidth / 2, y: Double(top) + Self.plotHeight + 38, size: 14, anchor: "middle")
        svg.text(yLabel + yAxis.scaleRuns, x: Double(left - 24) - yTickWidth, y: Double(top) + Self.plotHeight / 2, size: 14, anchor: "middle", vertical: true)
        if let note { svg.text(note, x: Double(left), y: Double(top) + Self.plotHeight + 58, size: 11, attributes: "fill=\"#555\"") }
        svg.close()

        let radius = all.count > 400 ? "1.5" : "2.5"
        for (k, s) in series.enumerated() {
            let colour = Self.palette[s.colour % Self.palette.count]
            svg.open(group: "series-\(k + 1)", s.mark == .line ? "fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\"" : "fill=\"\(colour)\"")
            let points = drawable(s, yAxis)
            switch s.mark {
            case .line:
                // One path per unbroken stretch; a lone point between gaps is a dot.
                var stretch: [(Double, Double)] = []
                func flush() {
                    if stretch.count == 1 {
                        svg.raw("<circle cx=\"\(n(stretch[0].0))\" cy=\"\(n(stretch[0].1))\" r=\"1.5\" fill=\"\(colour)\" stroke=\"none\"/>")
                    } else if stretch.count > 1 {
                        svg.raw("<path d=\"" + stretch.enumerated().map { ($0.offset == 0 ? "M" : "L") + n($0.element.0) + " " + n($0.element.1) }.joined(separator: " ") + "\"/>")
                    }
                    stretch = []
                }
                for p in points {
                    if let y = p.y { stretch.append((px(p.x), py(y))) } else { flush() }
                }
                flush()
            case .markers:
                for p in points { if let y = p.y { svg.raw("<circle cx=\"\(n(px(p.x)))\" cy=\"\(n(py(y)))\" r=\"\(radius)\"/>") } }
            }
            svg.close()
        }

        svg.open(group: "legend")
        let lx = left + Int(Self.plotWidth) + 20
        for (k, s) in series.enumerated() {
            let colour = Self.palette[s.colour % Self.palette.count], ly = top + 6 + 20 * k
            switch s.mark {
            case .line: svg.raw("<line x1=\"\(lx)\" y1=\"\(ly)\" x2=\"\(lx + 22)\" y2=\"\(ly)\" stroke=\"\(colour)\" stroke-width=\"1.8\"/>")
            case .markers: svg.raw("<circle cx=\"\(lx + 11)\" cy=\"\(ly)\" r=\"3\" fill=\"\(colour)\"/>")
            }
            svg.text(s.label, x: Double(lx + 30), y: Double(ly + 4))
        }
        svg.close()
        return svg.finished()
    }

    /// One axis: its range widened to round ticks, and the ticks with their labels. A linear axis whose
    /// ticks are all tiny or huge factors out a power of ten (`× 10^-5` after the axis name); a log axis
    /// ticks the powers of ten.
    struct Axis {
        var lower: Double
        var upper: Double
        let log: Bool
        private(set) var ticks: [(value: Double, label: [TextRun])] = []
        private(set) var scaleRuns: [TextRun] = []

        init(lower: Double, upper: Double, log: Bool) {
            self.log = log
            if log {
                let low = Foundation.floor(Foundation.log10(lower)), high = Swift.max(Foundation.ceil(Foundation.log10(upper)), low + 1)
                (self.lower, self.upper) = (Foundation.pow(10, low), Foundation.pow(10, high))
                let every = Swift.max(1, Int(((high - low) / 8).rounded(.up)))
                ticks = stride(from: Int(low), through: Int(high), by: every).map { (k: Int) -> (value: Double, label: [TextRun]) in
                    (Foundation.pow(10, Double(k)), Self.powerOfTen(k))
                }
                return
            }
            var (a, b) = (lower, upper)
            if a == b {
                // 10% of a subnormal value rounds to nothing: such a point gets a unit range.
                let pad = (Swift.abs(a) * 0.1).isNormal ? Swift.abs(a) * 0.1 : 1
                (a, b) = (a - pad, b + pad)
            }
            let raw = (b - a) / 6
            let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
            let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
            // A hair of slack so that 3e-5 / 5e-6 = 6.000000000000001 does not add a tick.
            let first = Foundation.floor(a / step + 1e-9), last = Foundation.ceil(b / step - 1e-9)
            (self.lower, self.upper) = (first * step, last * step)
            let largest = Swift.max(Swift.abs(self.lower), Swift.abs(self.upper))
            let power = largest > 0 && (largest < 1e-2 || largest >= 1e5) ? Int(Foundation.floor(Foundation.log10(largest))) : 0
            let scale = Foundation.pow(10, Double(power))
            let unit = step / scale
            let exponent = Int(Foundation.floor(Foundation.log10(unit) + 1e-9))
            let halfStep = Swift.abs(unit / Foundation.pow(10, Double(exponent)) - 2.5) < 1e-9  // 2.5, 25, 0.25 need one more digit
            let decimals = Swift.max(0, -exponent + (halfStep ? 1 : 0))
            ticks = (Int(first)...Int(last)).map { i in
                let value = Double(i) * step
                var text = String(format: "%.\(decimals)f", value / scale)
                if text.hasPrefix("-") && Double(text) == 0 { text.removeFirst() }
                return (value, [TextRun(Self.minus(text))])
            }
            if power != 0 { scaleRuns = [TextRun(" (× 10"), TextRun(Self.minus(String(power)), .sup), TextRun(")")] }
        }

        /// Where a value sits between the ends, 0 to 1.
        func fraction(_ v: Double) -> Double {
            if log { return (Foundation.log10(v) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower)) }
            return (v - lower) / (upper - lower)
        }

        /// `1`, `10`, or 10 with the exponent raised.
        static func powerOfTen(_ k: Int) -> [TextRun] {
            switch k {
            case 0: return [TextRun("1")]
            case 1: return [TextRun("10")]
            default: return [TextRun("10"), TextRun(minus(String(k)), .sup)]
            }
        }

        /// A typographic minus sign.
        static func minus(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "−") }
    }
}
