import JuryPlanCore

/// Warnings as printed: the first few of each kind, then one line counting the rest, so that
/// 100,000 unknown columns do not print 100,000 lines (issue 16).
public enum WarningSummary {
    public static let shownPerKind = 20

    public static func lines(_ warnings: [InputIssue]) -> [String] {
        var shown: [String] = []
        var counts: [String: Int] = [:]
        var firstOfKind: [(kind: String, warning: InputIssue)] = []
        for w in warnings {
            let k = kind(w)
            let n = counts[k, default: 0]
            counts[k] = n + 1
            if n == 0 { firstOfKind.append((k, w)) }
            if n < shownPerKind { shown.append(w.description) }
        }
        for (k, w) in firstOfKind {
            let more = counts[k, default: 0] - shownPerKind
            guard more > 0 else { continue }
            shown.append("\(SourceLocation(file: w.location.file)): warning: … and \(more) more warning\(more == 1 ? "" : "s") like \"\(w.message)\"")
        }
        return shown
    }

    /// A warning's file and message with its quoted parts and numbers left out: "unknown column
    /// \"x1\" is ignored" and "unknown column \"x2\" is ignored" are of one kind.
    static func kind(_ w: InputIssue) -> String {
        var key = w.location.file + "\u{1F}"
        var quote: Character?
        for c in w.message {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if !c.isNumber {
                key.append(c)
            }
        }
        return key
    }
}
