import GRDB

/// The tables of campaign.sqlite and their versioned migrations (SPEC §2).
///
/// A stored plan never changes except its state: triggers refuse any other update or delete,
/// so that even a bug (or a hand-made `sqlite3` session) cannot rewrite history.
enum StoreSchema {
    /// Marks the file as a JuryPlan store (PRAGMA application_id, "JPLN").
    static let applicationID: Int32 = 0x4A50_4C4E

    /// Every migration this version knows, in order. A store that lists others was written by
    /// a newer juryplan and is refused (`DatabaseMigrator.hasBeenSuperseded`).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: plans, snapshots, figures, rows, imports", migrate: createVersion1)
        return migrator
    }

    private static func createVersion1(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: """
            CREATE TABLE plan (
                number INTEGER PRIMARY KEY,               -- 1, 2, 3…: never reused, never deleted
                created_at TEXT NOT NULL,                 -- ISO 8601, UTC
                state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'superseded')),
                state_changed_at TEXT,
                complete INTEGER NOT NULL,                -- 0: a partial plan (see unplaced)
                unplaced TEXT NOT NULL DEFAULT '',        -- one reason a line, for a partial plan
                options TEXT NOT NULL,                    -- the planning options, JSON
                campaign_name TEXT NOT NULL
            );
            -- One published plan at a time.
            CREATE UNIQUE INDEX plan_one_published ON plan(state) WHERE state = 'published';

            CREATE TABLE plan_figures (
                plan_number INTEGER PRIMARY KEY REFERENCES plan(number),
                objective REAL NOT NULL, bound REAL NOT NULL, gap REAL NOT NULL,
                seconds REAL NOT NULL, layout_seconds REAL NOT NULL, jury_seconds REAL NOT NULL,
                member_days INTEGER NOT NULL, member_days_bound INTEGER NOT NULL,
                room_half_days INTEGER NOT NULL, room_half_days_bound INTEGER NOT NULL,
                days_opened INTEGER NOT NULL,
                candidate_days INTEGER NOT NULL, candidate_days_bound INTEGER NOT NULL,
                repeated_examiners INTEGER NOT NULL, imbalance INTEGER NOT NULL,
                preferences_met INTEGER NOT NULL, preferences_total INTEGER NOT NULL,
                sittings INTEGER NOT NULL, schedule_rows INTEGER NOT NULL,
                days_proved_optimal INTEGER NOT NULL, days_planned INTEGER NOT NULL,
                model_rows INTEGER NOT NULL, model_columns INTEGER NOT NULL, model_non_zeros INTEGER NOT NULL
            );

            -- The rows of schedule.csv (SPEC §2.3), names and sites as the plan's campaign gave them.
            CREATE TABLE plan_row (
                plan_number INTEGER NOT NULL REFERENCES plan(number),
                position INTEGER NOT NULL,                -- schedule order, from 0
                date TEXT NOT NULL,                       -- YYYY-MM-DD
                start_minute INTEGER NOT NULL,            -- minutes after midnight
                end_minute INTEGER NOT NULL,
                site TEXT NOT NULL, room TEXT NOT NULL, exam TEXT NOT NULL,
                candidate_id TEXT NOT NULL, candidate_name TEXT NOT NULL,
                jury TEXT NOT NULL,                       -- member ids joined by '|'
                president TEXT NOT NULL,
                PRIMARY KEY (plan_number, position)
            ) WITHOUT ROWID;

            -- Input files by content, so that plans made from the same files share one copy.
            CREATE TABLE input_file (
                sha256 TEXT PRIMARY KEY,
                bytes BLOB NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE plan_input (
                plan_number INTEGER NOT NULL REFERENCES plan(number),
                file TEXT NOT NULL,                       -- campaign.yaml, candidates.csv, jury.csv, rooms.csv
                sha256 TEXT NOT NULL REFERENCES input_file(sha256),
                PRIMARY KEY (plan_number, file)
            ) WITHOUT ROWID;

            -- What `import` merged into the campaign files.
            CREATE TABLE import_log (
                id INTEGER PRIMARY KEY,
                created_at TEXT NOT NULL,
                kind TEXT NOT NULL,                       -- candidates, jury, rooms
                source TEXT NOT NULL,                     -- the imported file's path
                replace_all INTEGER NOT NULL,              -- --replace: rows absent from the file removed
                added INTEGER NOT NULL, changed INTEGER NOT NULL, unchanged INTEGER NOT NULL, removed INTEGER NOT NULL,
                result_sha256 TEXT NOT NULL               -- the campaign file after the import
            );
            """)
        try freeze(db, table: "plan", columns: ["number", "created_at", "complete", "unplaced", "options", "campaign_name"])
        for table in ["plan_figures", "plan_row", "plan_input", "input_file", "import_log"] {
            try freeze(db, table: table, columns: nil)
        }
    }

    /// Refuses updates (of `columns`, or of any column when nil) and deletes of a table's rows.
    private static func freeze(_ db: Database, table: String, columns: [String]?) throws {
        let of = columns.map { " OF " + $0.joined(separator: ", ") } ?? ""
        try db.execute(sql: """
            CREATE TRIGGER \(table)_frozen BEFORE UPDATE\(of) ON \(table)
            BEGIN SELECT RAISE(ABORT, 'a stored plan never changes, except its state'); END;
            CREATE TRIGGER \(table)_kept BEFORE DELETE ON \(table)
            BEGIN SELECT RAISE(ABORT, 'stored plans are kept'); END;
            """)
    }
}
