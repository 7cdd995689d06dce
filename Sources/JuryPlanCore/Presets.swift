/// The built-in certifications (SPEC §1.1). Each exam cites the seed passage it comes from;
/// where a seed is silent (durations, juries of PACTE and CPAS), the value is a default for the
/// user to edit, and `init` says so in the generated campaign.yaml.
public struct Preset: Sendable {
    public var name: PresetName
    public var title: String
    public var exams: [Exam]
    public var aliases: [String: String]
    /// Exams whose values are defaults rather than read from the seed.
    public var defaultedExams: Set<String>

    public static func named(_ name: PresetName) -> Preset {
        switch name {
        case .csec: return csec
        case .pacte: return pacte
        case .cpas: return cpas
        case .custom: return Preset(name: .custom, title: "Custom certification", exams: [], aliases: [:], defaultedExams: [])
        }
    }

    private static let twoProfessionals = JurySpec(size: 2, roles: [.professional: 2])
    private static let projector = ["projector"]

    /// CSEC — Coordinateur de structure d'exercice coordonné (seeds/000_*.txt).
    public static let csec = Preset(
        name: .csec,
        title: "CSEC — Coordinateur de structure d'exercice coordonné",
        exams: [
            // 000 l.78–83: "15 à 20 visuels … jury d'évaluation composé de 2 membres professionnels … 45 minutes".
            Exam(id: "BC1", name: "BC1 — Projet de santé", mode: .oral, minutes: 45, jury: twoProfessionals, needs: projector),
            // 000 l.105–110: same form as BC1, 45 minutes (15 presentation + 30 questions).
            Exam(id: "BC2", name: "BC2 — Ressources humaines", mode: .oral, minutes: 45, jury: twoProfessionals, needs: projector),
            // 000 l.123–127: written exam "sur table", 2 hours; one invigilator per room.
            Exam(id: "BC3", name: "BC3 — Gestion de la structure (écrit)", mode: .written, minutes: 120, jury: JurySpec(size: 1)),
            // 000 l.140–145: oral, 30 minutes (15 + 15), 2 professionals.
            Exam(id: "BC4", name: "BC4 — Démarche qualité", mode: .oral, minutes: 30, jury: twoProfessionals, needs: projector),
            // 000 l.168–170: oral, 30 minutes (15 + 15), 2 professionals.
            Exam(id: "BC5", name: "BC5 — Communication et partenariats", mode: .oral, minutes: 30, jury: twoProfessionals, needs: projector),
            // 000 l.174–186: final exam after the five blocks, thesis defence of 30 minutes;
            // l.198–203: jury of 1 certifier + 2 sector professionals, presided by a professional,
            // more than 66 % external.
            Exam(id: "FINAL", name: "Épreuve finale — Soutenance du mémoire", mode: .oral, minutes: 30,
                 jury: JurySpec(size: 3, roles: [.certifier: 1, .professional: 2], external: 0.66, president: true),
                 needs: projector, after: ["BC1", "BC2", "BC3", "BC4", "BC5"]),
        ],
        aliases: [:],
        defaultedExams: [])

    /// DE PACTE — coordinator of primary-care teams (seeds/001_*.txt). Written productions are
    /// uploaded to a platform; only the interview and the defence are sat.
    public static let pacte = Preset(
        name: .pacte,
        title: "DE PACTE — Coordinateur de regroupements pluri-professionnels de soins primaires",
        exams: [
            // 001 l.70–78: "si besoin, auditionnés au cours d'un entretien de 30 mn" by regional partners.
            // Jury of 2 members of any role: a default (the seed names none).
            Exam(id: "INTERVIEW", name: "Entretien de sélection", mode: .oral, minutes: 30,
                 jury: JurySpec(size: 2), regional: true),
            // 001 l.172–181: "soutenance (1 heure) devant un jury régional". Jury composition is a
            // default (1 certifier + 2 professionals, presided by a professional).
            Exam(id: "THESIS", name: "Soutenance du mémoire", mode: .oral, minutes: 60,
                 jury: JurySpec(size: 3, roles: [.certifier: 1, .professional: 2], president: true),
                 needs: projector, regional: true),
        ],
        aliases: [:],
        defaultedExams: ["INTERVIEW", "THESIS"])

    /// CPAS — Coordonnateur de parcours d'accompagnement et de soins (seeds/003_*.txt).
    /// Durations and juries are defaults: the seed gives none.
    public static let cpas = Preset(
        name: .cpas,
        title: "CPAS — Coordonnateur de parcours d'accompagnement et de soins",
        exams: [
            // 003 l.1332–1341, 1606–1612: monograph of a beneficiary, a written file handed in.
            Exam(id: "B1", name: "B1 — Monographie d'un bénéficiaire", mode: .submitted, minutes: 0, jury: JurySpec(size: 0)),
            // 003 l.2018–2027: management and coordination of the pathway, a written production.
            Exam(id: "B2", name: "B2 — Gestion et coordination du parcours", mode: .submitted, minutes: 0, jury: JurySpec(size: 0)),
            // 003 l.2348–2354, 2511–2519, 2604–2612: role plays, individual oral production.
            Exam(id: "B3", name: "B3 — Mises en situation", mode: .oral, minutes: 30, jury: twoProfessionals, needs: projector),
            // 003 l.2955–2960: case study, "travail collectif", oral production.
            Exam(id: "B4", name: "B4 — Présentation de projet (collectif)", mode: .group, minutes: 60, jury: twoProfessionals, needs: projector),
            // 003 l.3084–3089, 3191–3196: option E1 (medical and medico-social settings), written productions.
            Exam(id: "B5E1", name: "B5 option E1 — Productions écrites", mode: .submitted, minutes: 0, jury: JurySpec(size: 0)),
            // 003 l.3339–3342: option E2 territory study, collective, written and oral production.
            Exam(id: "B5E2", name: "B5 option E2 — Étude du territoire (collectif)", mode: .group, minutes: 60, jury: twoProfessionals, needs: projector),
        ],
        aliases: ["BC1": "B1", "BC2": "B2", "BC3": "B3", "BC4": "B4", "BC5E1": "B5E1", "BC5E2": "B5E2"],
        defaultedExams: ["B3", "B4", "B5E2"])
}
