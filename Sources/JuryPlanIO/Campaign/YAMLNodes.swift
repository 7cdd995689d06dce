import JuryPlanCore
import Yams

/// Typed access to a YAML node with positions, so that every error names file, line and column.
struct YAMLReader {
    let file: String
    var log = IssueLog()

    init(file: String) { self.file = file }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    mutating func error(_ node: Node, _ message: String) { log.error(location(node), message) }

    /// The pairs of a mapping, rejecting keys outside `allowed` (an unknown key names its line).
    mutating func mapping(_ node: Node, allowed: [String], what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping of keys to values")
            return []
        }
        var out: [(key: String, keyNode: Node, value: Node)] = []
        var seen = Set<String>()
        for (k, v) in mapping {
            guard let key = k.scalar?.string else {
                error(k, "a key of \(what) must be a plain name")
                continue
            }
            guard allowed.contains(key) else {
                error(k, "unknown key '\(key)' in \(what); expected one of: \(allowed.joined(separator: ", "))")
                continue
            }
            guard seen.insert(key).inserted else {
                error(k, "key '\(key)' appears twice in \(what)")
                continue
            }
            out.append((key, k, v))
        }
        return out
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard let s = node.scalar?.string else {
            error(node, "\(what) must be a text value")
            return nil
        }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// A whole number within `range` (InputRanges); anything else names the range.
    mutating func int(_ node: Node, _ what: String, range: ClosedRange<Int>) -> Int? {
        let text = node.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
        guard node.scalar != nil, !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) else {
            error(node, "\(what) must be a whole number \(InputRanges.describe(range))")
            return nil
        }
        guard let n = Int(text), range.contains(n) else {
            error(node, "\(what) must be a whole number \(InputRanges.describe(range)), found \(text)")
            return nil
        }
        return n
    }

    mutating func double(_ node: Node, _ what: String, range: ClosedRange<Double>) -> Double? {
        guard let s = node.scalar?.string, let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite else {
            error(node, "\(what) must be a number")
            return nil
        }
        guard range.contains(d) else {
            error(node, "\(what) must lie between \(range.lowerBound) and \(range.upperBound), found \(s)")
            return nil
        }
        return d
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "oui", "on": return true
        case "false", "no", "non", "off": return false
        default:
            error(node, "\(what) must be true or false")
            return nil
        }
    }

    /// A list of texts; a single scalar counts as a one-element list.
    mutating func strings(_ node: Node, _ what: String) -> [String]? {
        switch node {
        case .scalar(let s):
            return s.string.isEmpty ? [] : [s.string.trimmingCharacters(in: .whitespaces)]
        case .sequence(let seq):
            var out: [String] = []
            for item in seq {
                guard let s = string(item, "an item of \(what)") else { continue }
                out.append(s)
            }
            return out
        default:
            error(node, "\(what) must be a list")
            return nil
        }
    }
}
