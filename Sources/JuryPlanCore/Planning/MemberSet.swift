/// A set of member numbers as a bit set: the layout intersects and counts these for every
/// placement it tries, so they must be cheap.
struct MemberSet: Hashable {
    private(set) var words: [UInt64]

    init(count: Int, full: Bool = false) {
        words = Array(repeating: full ? ~0 : 0, count: (count + 63) / 64)
        if full, count % 64 != 0, !words.isEmpty { words[words.count - 1] = (1 << UInt64(count % 64)) - 1 }
    }

    init(count: Int, where include: (Int) -> Bool) {
        self.init(count: count)
        for m in 0..<count where include(m) { insert(m) }
    }

    mutating func insert(_ m: Int) { words[m >> 6] |= 1 << UInt64(m & 63) }
    func contains(_ m: Int) -> Bool { words[m >> 6] & (1 << UInt64(m & 63)) != 0 }

    static func & (a: MemberSet, b: MemberSet) -> MemberSet {
        var r = a
        for i in r.words.indices { r.words[i] &= b.words[i] }
        return r
    }

    static func | (a: MemberSet, b: MemberSet) -> MemberSet {
        var r = a
        for i in r.words.indices { r.words[i] |= b.words[i] }
        return r
    }

    /// Members in both sets, without building the intersection.
    func countCommon(_ other: MemberSet) -> Int {
        var n = 0
        for i in words.indices { n += (words[i] & other.words[i]).nonzeroBitCount }
        return n
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The member numbers, ascending.
    var members: [Int] {
        var out: [Int] = []
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                out.append(w * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return out
    }
}
