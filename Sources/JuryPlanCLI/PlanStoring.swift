import Foundation
import JuryPlanCore
import JuryPlanIO

/// Where `plan` keeps its result: the campaign's store. An existing store is opened before
/// planning (a store juryplan cannot write is refused at once); a new one is created only when
/// there is a plan to keep (a campaign that cannot be planned gets no file).
struct PlanStoring {
    let folder: URL
    let existing: CampaignStore?

    init(folder: URL) throws {
        self.folder = folder
        existing = CampaignStore.exists(in: folder) ? try CampaignStore.open(folder, create: false) : nil
    }

    /// Stores the plan as the next number (one transaction) and closes the store.
    func keep(_ plan: Plan, _ loaded: LoadedCampaign, options: PlanningOptions) throws -> PlanNumber {
        let store = try existing ?? CampaignStore.open(folder, create: true)
        defer { store.close() }
        let campaign = loaded.campaign
        // Rows carry the names and sites the plan's campaign gave them, as schedule.csv does.
        let rows = plan.schedule.rows.map { row -> ScheduleRow in
            var row = row
            row.site = campaign.room(row.room)?.site ?? row.site
            row.candidateName = campaign.candidate(row.candidateID)?.displayName ?? row.candidateName
            return row
        }
        let stored = NewPlan(schedule: Schedule(rows: rows), figures: plan.figures,
                             complete: !plan.isPartial, unplaced: plan.unplaced.map(\.description), options: options.stored,
                             inputFiles: loaded.inputFiles, campaignName: campaign.name)
        return try store.record(stored)
    }
}

extension PlanningOptions {
    /// The options a stored plan was made with.
    var stored: [String: String] {
        ["time-limit": String(format: "%g", timeLimit), "gap": String(format: "%g", gap), "node-limit": String(nodeLimit), "polish": String(polish), "allow-partial": String(allowPartial)]
    }
}
