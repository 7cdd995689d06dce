import XCTest
@testable import JuryPlanCore

/// Juries fixed by imposed members without `imposed: true`: an exam of size 2 whose candidates
/// each impose two members (a bachelor defence before its supervisor and reviewer). R5 and R18
/// leave no seat to the pool, so the session is one of fixed committees and must be planned
/// as such (the pooled layout, which decides times before juries, left 1–32 of 80–400 such
/// defences out in a black-box pass).
final class SizedCommitteeTests: XCTestCase {
    /// The generator's bachelor sessions with the exam rewritten as `{size: 2, roles: {professional: 2}}`.
    private func sizedSession(candidates: Int, seed: UInt64) -> (Campaign, Schedule) {
        var (campaign, witness) = DefenceSessionGenerator(shape: .bachelor(candidates: candidates), seed: seed).generate()
        campaign.setExams(campaign.exams.map { exam in
            var sized = exam
            sized.jury = JurySpec(size: 2, roles: [.professional: 2])
            return sized
        })
        return (campaign, witness)
    }

    func testImposedMembersAsManyAsTheJurySizeMakeAFixedCommittee() {
        let (campaign, _) = sizedSession(candidates: 20, seed: 1)
        XCTAssertTrue(campaign.candidates.allSatisfy { $0.imposedJury.count == 2 })
        XCTAssertNotNil(CommitteeProblem(PlanningProblem(campaign)))
        // One seat left to the pool: a pooled jury (an imposed member completed from the pool).
        var pooled = campaign
        pooled.setExams(campaign.exams.map { exam in
            var larger = exam
            larger.jury = JurySpec(size: 3, roles: [.professional: 3])
            return larger
        })
        XCTAssertNil(CommitteeProblem(PlanningProblem(pooled)))
    }

    func testSizedCommitteeSessionsPlanLawfullyBeforeTheirImposedMembers() {
        for seed in UInt64(1)...6 {
            let (campaign, witness) = sizedSession(candidates: 30 + Int(seed) * 8, seed: seed)
            let label = "bachelor \(campaign.candidates.count) seed \(seed)"
            XCTAssertTrue(RuleCatalogue.audit(witness, against: campaign).isClean, "\(label): the witness breaks a rule")
            guard case .planned(let plan) = Planner(campaign: campaign, options: PlanOptions(timeLimit: 30)).run() else {
                XCTFail("\(label): a lawful witness exists, but no plan was found")
                continue
            }
            XCTAssertFalse(plan.isPartial, label)
            let audit = RuleCatalogue.audit(plan.schedule, against: campaign)
            XCTAssertTrue(audit.isClean, "\(label): \(audit.breaches.prefix(3))")
            for row in plan.schedule.rows {
                let imposed = campaign.candidates.first { $0.id == row.candidateID }?.imposedJury ?? []
                XCTAssertEqual(Set(row.jury), Set(imposed), "\(label): \(row.candidateID)'s jury")
            }
        }
    }

    /// Imposed members of the wrong roles for the exam: named as R6, no search.
    func testImposedMembersOfTheWrongRolesAreNamedAsR6() {
        var (campaign, _) = sizedSession(candidates: 12, seed: 2)
        campaign.setExams(campaign.exams.map { exam in
            var mixed = exam
            mixed.jury = JurySpec(size: 2, roles: [.certifier: 1, .professional: 1])
            return mixed
        })
        let committees = CommitteeProblem(PlanningProblem(campaign))
        XCTAssertEqual(committees?.sittings.count, campaign.candidates.count)
        XCTAssertTrue(committees?.sittings.allSatisfy { $0.impossibility?.contains("(R6)") ?? false } ?? false,
                      "\(committees?.sittings.first?.impossibility ?? "no reason")")
    }
}
