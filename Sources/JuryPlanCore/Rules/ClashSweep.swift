/// The pairs of one person's (or room's) items on one day that clash, found by a sweep over
/// their start times instead of trying every pair: a schedule that puts hundreds of rows on one
/// candidate made `check` quadratic in time and in output (issue 16). Past `limit` pairs, the
/// rest are only counted, so a group reports at most `limit` breaches and one summary.
struct ClashSweep {
    /// Clashing pairs, each as (earlier, later) in the order of `items`.
    var pairs: [(Int, Int)] = []
    /// Clashing pairs past `limit`, counted but not listed.
    var unlisted = 0

    static let limit = 50

    /// `items` in ascending order; a later-starting item clashes with an earlier one when it
    /// starts before the earlier one's `reach` (its end, plus any buffer). Durations are positive.
    init(_ items: [Int], start: (Int) -> Int, reach: (Int) -> Int, limit: Int = ClashSweep.limit) {
        // Stable by start: items that start together keep the order of `items`.
        let sorted = items.enumerated().sorted { (start($0.element), $0.offset) < (start($1.element), $1.offset) }.map(\.element)
        let starts = sorted.map(start)
        for (p, item) in sorted.enumerated() {
            let r = reach(item)
            // First position after p whose start is at or past the reach (starts are sorted).
            var low = p + 1, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if starts[mid] < r { low = mid + 1 } else { high = mid }
            }
            for q in (p + 1)..<max(p + 1, low) {
                if pairs.count < limit {
                    let other = sorted[q]
                    pairs.append(item < other ? (item, other) : (other, item))
                } else {
                    unlisted += low - q
                    break
                }
            }
        }
    }
}
