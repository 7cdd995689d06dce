/// The range of every number read from an input file (README, "Choices where SPEC is silent").
/// Checked on input, so that the planner's sums and products of durations and counts stay far
/// from overflow: a value outside its range is an error naming file, line, column and the range.
public enum InputRanges {
    /// An exam's `minutes`: at most a whole day.
    public static let examMinutes = 1...1440
    /// `buffer_minutes` between a member's sittings: at most half a day.
    public static let bufferMinutes = 0...720
    /// `candidate.min_break_minutes`: at most a whole day.
    public static let minBreakMinutes = 0...1440
    /// `candidate.max_exams_per_day`.
    public static let maxExamsPerDay = 1...1000
    /// `member.max_sittings_per_day` in campaign.yaml.
    public static let maxSittingsPerDay = 1...1000
    /// jury.csv `max_per_day` (0: never convened).
    public static let memberMaxPerDay = 0...1000
    /// An exam's jury size, and the number of members of each role.
    public static let jurySize = 0...50
    /// rooms.csv `capacity` (seats).
    public static let roomCapacity = 0...100_000
    /// Each weight of the objective.
    public static let weight = 0.0...1_000_000.0
    /// The number of session days.
    public static let sessionDays = 1...366
    /// The number of entries of `exams:` in campaign.yaml.
    public static let examEntries = 0...1000

    /// The length of a CSV cell, in Unicode scalars (a 50 MB cell kept `plan` busy for minutes).
    public static let cellLength = 0...10_000
    /// The length of a name the planner compares over and over: structure, region, site, equipment.
    public static let nameLength = 0...200

    /// The size of an input CSV file in bytes (5,000 candidates take about 1 MB), so that loading
    /// stays within seconds of `--time-limit`.
    public static let csvFileBytes = 0...20_000_000
    /// The size of campaign.yaml in bytes.
    public static let yamlFileBytes = 0...1_000_000

    /// "between 1 and 1440" for messages.
    static func describe(_ range: ClosedRange<Int>) -> String { "between \(range.lowerBound) and \(range.upperBound)" }
}
