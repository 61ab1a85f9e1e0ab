extension Taxonomy {
    /// The score range a sentiment label actually covers once earlier bands have taken their share
    /// ("the first band that contains the score gives the label").
    public struct SentimentRange: Sendable, Equatable {
        /// The label.
        public var name: String
        /// The lowest score that gets this label (the range's boundary; it may belong to the band before).
        public var lower: Double
        /// The highest score that gets this label.
        public var upper: Double
        /// The middle of the range: the score to assume when a model gives the label but no score.
        public var midpoint: Double { (lower + upper) / 2 }
    }

    /// The effective range of every sentiment label over -1...1, in declaration order. A label shadowed
    /// entirely by earlier bands is left out; a label covering several pieces gets its widest piece.
    public var sentimentRanges: [SentimentRange] {
        var points: Set<Double> = [-1, 1]
        for band in sentiments {
            for bound in [band.minScore, band.maxScore] { if let bound, bound > -1, bound < 1 { points.insert(bound) } }
        }
        let sorted = points.sorted()
        // Consecutive elementary intervals with the same label are merged into pieces.
        var pieces: [(name: String, lower: Double, upper: Double)] = []
        for index in 1..<sorted.count {
            let (lower, upper) = (sorted[index - 1], sorted[index])
            let name = sentiment(for: (lower + upper) / 2)
            if let last = pieces.last, last.name == name, last.upper == lower {
                pieces[pieces.count - 1].upper = upper
            } else {
                pieces.append((name, lower, upper))
            }
        }
        return sentiments.compactMap { band in
            guard let widest = pieces.filter({ $0.name == band.name }).max(by: { $0.upper - $0.lower < $1.upper - $1.lower }) else { return nil }
            return SentimentRange(name: band.name, lower: widest.lower, upper: widest.upper)
        }
    }

    /// The midpoint score of a sentiment label's range, or nil for a label the taxonomy does not have.
    public func sentimentMidpoint(for name: String) -> Double? {
        sentimentRanges.first { $0.name == name }?.midpoint
    }
}
