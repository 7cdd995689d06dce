import Foundation
import JuryPlanCore

/// The files `juryplan init` writes: a commented campaign.yaml and header-only CSV files.
public enum CampaignTemplate {
    public static func campaignYAML(preset: Preset) -> String {
        var lines = [
            "# JuryPlan campaign — edit this file, then fill candidates.csv, jury.csv and rooms.csv",
            "# (or merge spreadsheets in with `juryplan import`).",
            "name: \(preset.title) — session à compléter",
            "preset: \(preset.name.rawValue)            # csec | pacte | cpas | custom",
            "timezone: Europe/Paris",
            "# The session days (YYYY-MM-DD or DD/MM/YYYY): example dates, replace them.",
            "days: [2027-06-14, 2027-06-15, 2027-06-16, 2027-06-17]",
            "# Opening hours; no sitting crosses the lunch break between them.",
            "hours: {morning: \"08:30-12:30\", afternoon: \"13:30-17:30\"}",
            "# Minutes between two sittings of a jury member (deliberation, change-over).",
            "buffer_minutes: 10",
            "candidate: {max_exams_per_day: 3, min_break_minutes: 30}",
            "member: {max_sittings_per_day: 8}",
            "# Weights of the objective: member-days, room half-days, candidate-days, repeated",
            "# examiners of one candidate, load imbalance, preferences not met.",
            "weights: {member_days: 100, room_halfdays: 20, candidate_days: 10, repeat_examiner: 5, imbalance: 1, preference: 2}",
        ]
        if preset.exams.isEmpty {
            lines += [
                "# Define the exams of the certification, for example:",
                "exams:",
                "  - {id: ORAL1, name: \"Oral du bloc 1\", mode: oral, minutes: 45, jury: {size: 2, roles: {professional: 2}}, needs: [projector]}",
            ]
        } else {
            lines.append("# The preset's exams. Any field may be overridden here; a key left out keeps the preset's value.")
            lines.append("exams:")
            for exam in preset.exams {
                let note = preset.defaultedExams.contains(exam.id)
                    ? "  # default (the source document gives no duration or jury): edit"
                    : "  # as in the certification's reference"
                lines.append("  - " + entry(exam) + note)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One exam as a flow mapping that `CampaignYAML` reads back to the same exam.
    static func entry(_ exam: Exam) -> String {
        var parts = ["id: \(exam.id)", "name: \"\(exam.name)\"", "mode: \(exam.mode.rawValue)"]
        if exam.mode != .submitted {
            parts.append("minutes: \(exam.minutes)")
            var jury = ["size: \(exam.jury.size)"]
            if !exam.jury.roles.isEmpty {
                let roles = exam.jury.roles.sorted { $0.key < $1.key }.map { "\($0.key.rawValue): \($0.value)" }
                jury.append("roles: {\(roles.joined(separator: ", "))}")
            }
            if let e = exam.jury.external { jury.append("external: \(e)") }
            if exam.jury.president { jury.append("president: true") }
            if exam.jury.imposed { jury.append("imposed: true") }
            parts.append("jury: {\(jury.joined(separator: ", "))}")
            if !exam.needs.isEmpty { parts.append("needs: [\(exam.needs.joined(separator: ", "))]") }
        }
        if !exam.after.isEmpty { parts.append("after: [\(exam.after.joined(separator: ", "))]") }
        if exam.regional { parts.append("regional: true") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    public static func header(_ file: String, language: HeaderLanguage) -> String {
        let english: [String: [String]] = [
            CampaignLoader.candidatesFile: ["id", "last_name", "first_name", "email", "structure", "region", "exams", "accommodations", "unavailable", "preferred", "trainers", "group", "jury"],
            CampaignLoader.juryFile: ["id", "last_name", "first_name", "email", "role", "sector", "external", "structure", "regions", "available", "preferred", "max_per_day", "exams", "can_preside", "conflicts"],
            CampaignLoader.roomsFile: ["id", "site", "region", "capacity", "accessible", "equipment", "available"],
        ]
        let french: [String: [String]] = [
            CampaignLoader.candidatesFile: ["identifiant", "nom", "prénom", "courriel", "structure", "région", "épreuves", "aménagements", "indisponibilités", "préférences", "formateurs", "groupe", "jury_imposé"],
            CampaignLoader.juryFile: ["identifiant", "nom", "prénom", "courriel", "rôle", "secteur", "externe", "structure", "régions", "disponibilités", "préférences", "max_par_jour", "épreuves", "peut_présider", "conflits"],
            CampaignLoader.roomsFile: ["identifiant", "site", "région", "capacité", "accessible", "équipement", "disponibilités"],
        ]
        let columns = (language == .fr ? french : english)[file] ?? []
        return columns.joined(separator: ",") + "\n"
    }
}
