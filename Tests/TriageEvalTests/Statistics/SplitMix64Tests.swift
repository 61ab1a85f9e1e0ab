import Testing
import TriageEval

extension StatisticsTests {
    @Suite struct SplitMix64Tests {
        // Vigna's SplitMix64 reference algorithm (pure Python) in scripts/reference_stats.py, seed 1234567.
        @Test func matchesReferenceSequence() {
            var rng = SplitMix64(seed: 1_234_567)
            let outputs = (0..<5).map { _ in rng.next() }
            #expect(outputs == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
            ])
        }

        @Test func boundedIndexStaysInRangeAndCoversIt() {
            var rng = SplitMix64(seed: 7)
            var seen = Set<Int>()
            for _ in 0..<10_000 {
                let index = rng.nextIndex(below: 13)
                #expect((0..<13).contains(index))
                seen.insert(index)
            }
            #expect(seen.count == 13)
        }
    }
}
