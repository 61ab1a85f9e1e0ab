import Foundation

extension HTMLReport {
    /// The confusion matrix as a table whose cells are coloured by count: green on the diagonal (right),
    /// red off it (confused), darker for more; zero cells stay grey. Numbers are always printed.
    func confusionSection() -> String {
        let confusion = run.confusion
        let largest = max(confusion.matrix.flatMap { $0 }.max() ?? 0, 1)
        var out = "<table class=\"heat\">\n<tr><th class=\"row\">expected ↓ &nbsp; actual →</th>"
        for column in confusion.columns { out += "<th class=\"col\">\(e(column))</th>" }
        out += "<th class=\"col\">total</th></tr>\n"
        for (row, label) in confusion.labels.enumerated() where row < confusion.matrix.count {
            let counts = confusion.matrix[row]
            out += "<tr><th class=\"row\">\(e(label))</th>"
            for (column, count) in counts.enumerated() {
                let name = column < confusion.columns.count ? confusion.columns[column] : "?"
                let tip = "expected \(label), got \(name): \(count)"
                guard count > 0 else {
                    out += "<td class=\"zero\" title=\"\(e(tip))\">·</td>"
                    continue
                }
                let (background, foreground) = Self.heatColour(count: count, largest: largest, correct: name == label)
                out += "<td style=\"background:\(background);color:\(foreground)\" title=\"\(e(tip))\">\(count)</td>"
            }
            out += "<td class=\"num\">\(counts.reduce(0, +))</td></tr>\n"
        }
        out += "</table>\n<p class=\"legend\">Rows are expected categories, columns actual; <code>other</code> collects errored scenarios and labels outside the taxonomy."
        out += "<span class=\"swatch\" style=\"background:\(Self.heatColour(count: 1, largest: 1, correct: true).background)\"></span>right"
        out += "<span class=\"swatch\" style=\"background:\(Self.heatColour(count: 1, largest: 1, correct: false).background)\"></span>confused"
        out += " (lighter: fewer)</p>\n"
        return out
    }

    /// Cell colours: lightness falls from 92% (one) to 38% (the largest count); text turns white on dark cells.
    static func heatColour(count: Int, largest: Int, correct: Bool) -> (background: String, foreground: String) {
        let share = Double(count) / Double(max(largest, 1))
        let lightness = 92 - share * 54
        let background = String(format: correct ? "hsl(140,55%%,%.0f%%)" : "hsl(2,75%%,%.0f%%)", lightness)
        return (background, lightness < 62 ? "#fff" : "#1f2328")
    }

    /// An SVG line chart of a suite's accuracy over its history, the 95% interval as a band; the run this
    /// page reports is drawn larger.
    func trendChart(_ trend: [DriftReport.TrendPoint], suite: String) -> String {
        guard !trend.isEmpty else { return "<p class=\"muted\">No history.</p>\n" }
        let (width, height) = (760.0, 250.0)
        let (left, right, top, bottom) = (46.0, 20.0, 18.0, 40.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ index: Int) -> Double { trend.count == 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(trend.count - 1) }
        // The axis starts at the tenth below the lowest interval bound, so small moves stay visible.
        let axisFloor = max(0, ((trend.map(\.interval.lower).min() ?? 0) - 0.02) * 10).rounded(.down) / 10
        func y(_ value: Double) -> Double { top + (1 - (min(max(value, axisFloor), 1) - axisFloor) / (1 - axisFloor)) * plotHeight }
        func point(_ index: Int, _ value: Double) -> String { String(format: "%.1f,%.1f", x(index), y(value)) }

        var out = String(format: "<svg class=\"trend\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"%@\">\n",
                         width, height, width, height, e("Accuracy of suite \(suite) over \(trend.count) runs"))
        for step in 0...4 {
            let tick = axisFloor + (1 - axisFloor) * Double(step) / 4
            out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d8dee4\" stroke-width=\"1\"%@/>", left, y(tick), width - right, y(tick),
                          step == 0 ? "" : " stroke-dasharray=\"3 3\"")
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.1f%%</text>\n", left - 6, y(tick) + 4, tick * 100)
        }
        let band = trend.indices.map { point($0, trend[$0].interval.upper) } + trend.indices.reversed().map { point($0, trend[$0].interval.lower) }
        out += "<polygon points=\"\(band.joined(separator: " "))\" fill=\"#0969da\" fill-opacity=\"0.15\" stroke=\"none\"/>\n"
        if trend.count > 1 {
            out += "<polyline points=\"\(trend.indices.map { point($0, trend[$0].accuracy) }.joined(separator: " "))\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\"/>\n"
        }
        let labelEvery = max(1, Int((Double(trend.count) / 16).rounded(.up)))
        for (index, item) in trend.enumerated() {
            let current = item.run == run.run.id
            let tip = "run #\(item.run): \(Self.pct(item.accuracy)) (95% CI \(Self.interval(item.interval))), \(item.scenarios) scenario runs"
                + (item.changed.isEmpty ? "" : "; changed: " + item.changed.joined(separator: ", "))
            out += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%@\" fill=\"%@\" stroke=\"#0969da\" stroke-width=\"2\"><title>%@</title></circle>\n",
                          x(index), y(item.accuracy), current ? "6" : "4", current ? "#0969da" : "#fff", e(tip))
            if trend.count <= 12 || current || index == trend.count - 1 {
                // Above the point, or below it when there is no room above.
                let labelY = y(item.accuracy) - 10 < top + 4 ? y(item.accuracy) + 18 : y(item.accuracy) - 10
                out += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" style=\"fill:#1f2328;font-weight:600\">%@</text>\n", x(index), labelY, e(Self.pct(item.accuracy)))
            }
            if index % labelEvery == 0 || index == trend.count - 1 {
                out += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">#%lld</text>\n", x(index), height - bottom + 16, item.run)
            }
            if !item.changed.isEmpty {
                out += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" style=\"font-size:10px\">%@</text>\n", x(index), height - bottom + 30,
                              e(item.changed.joined(separator: ",")))
            }
        }
        out += "</svg>\n"
        return out
    }
}
