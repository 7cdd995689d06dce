/// The arithmetic of the spacing rules, written once for `check` and for every planner move:
/// R3 (a member's sittings `buffer_minutes` apart), R12 (a candidate's `min_break_minutes`).
public enum Spacing {
    /// Whether two intervals of one day neither overlap nor come closer than `gap` minutes.
    public static func apart(_ a: TimeRange, _ b: TimeRange, by gap: Int) -> Bool {
        a.end + gap <= b.start || b.end + gap <= a.start
    }

    /// R3 for two sittings of one member.
    public static func memberFree(_ a: TimeRange, _ b: TimeRange, in campaign: Campaign) -> Bool {
        memberFree(a, b, buffer: campaign.bufferMinutes)
    }

    /// R3 with the campaign's `buffer_minutes` already read (for loops over many members).
    public static func memberFree(_ a: TimeRange, _ b: TimeRange, buffer: Int) -> Bool {
        apart(a, b, by: buffer)
    }

    /// R2 and R12's break for two sittings of one candidate.
    public static func candidateFree(_ a: TimeRange, _ b: TimeRange, in campaign: Campaign) -> Bool {
        apart(a, b, by: campaign.minBreakMinutes)
    }
}
