import Foundation
import JuryPlanCore

/// A plan kept in campaign.sqlite: plan N, or by default the published plan (what people were
/// sent), else the latest. Its creation time is the ICS `DTSTAMP`; `SEQUENCE` is the plan's
/// number less one, so a calendar re-imported from a later plan replaces the earlier events.
public struct StoredPlanSource: PlanSource {
    public var campaign: Campaign
    public var folder: URL
    public var number: Int?

    public init(campaign: Campaign, folder: URL, number: Int? = nil) {
        self.campaign = campaign
        self.folder = folder
        self.number = number
    }

    public func exportedPlan() throws -> ExportedPlan {
        let store = try CampaignStore.open(folder, create: false)
        defer { store.close() }
        let plans = try store.plans()
        let chosen = try number.map { try store.plan(PlanNumber($0)) } ?? plans.last { $0.state == .published } ?? plans.last
        guard let stored = chosen else {
            throw InputError(SourceLocation(file: CampaignStore.fileName), "no plan stored yet: `juryplan plan` makes one")
        }
        let metadata = PlanMetadata(number: stored.number.value, created: stored.createdAt, source: "plan \(stored.number)",
                                    sequence: max(0, stored.number.value - 1))
        return ExportedPlan(campaign: campaign, schedule: try store.schedule(of: stored.number), metadata: metadata)
    }
}
