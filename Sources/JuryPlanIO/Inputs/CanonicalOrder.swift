/// The order input rows are planned in, whatever their order in the files: by id, digits compared
/// as numbers (C2 before C10, as files are usually written), then by the id's bytes. The planner
/// breaks ties by position, so without this shuffled rows gave another plan (issue 16).
enum CanonicalOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var i = 0, j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                let (ni, ri) = digitRun(x, from: i), (nj, rj) = digitRun(y, from: j)
                // Compare the runs as numbers without converting them (any length, no overflow).
                let da = ri.drop { $0 == 0x30 }, db = rj.drop { $0 == 0x30 }
                if da.count != db.count { return da.count < db.count }
                if !da.elementsEqual(db) { return da.lexicographicallyPrecedes(db) }
                i = ni
                j = nj
            } else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
            }
        }
        if x.count - i != y.count - j { return x.count - i < y.count - j }
        return x.lexicographicallyPrecedes(y)  // C01 and C1: a total order all the same
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func digitRun(_ s: [UInt8], from start: Int) -> (end: Int, run: ArraySlice<UInt8>) {
        var end = start
        while end < s.count, isDigit(s[end]) { end += 1 }
        return (end, s[start..<end])
    }
}
