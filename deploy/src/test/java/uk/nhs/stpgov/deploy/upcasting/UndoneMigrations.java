package uk.nhs.stpgov.deploy.upcasting;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

/**
 * A database put back as an older version left it, for upgrade tests: each migration from a version on has its schema
 * change undone, newest first, and its row in Flyway's history deleted, so the next start applies it again as an
 * upgrade would. One place to add the undo of a new migration (three tests each wrote them out).
 */
final class UndoneMigrations {
    private static final Map<Integer, List<String>> UNDO = Map.ofEntries(
            Map.entry(90, List.of("DROP TABLE q_map_count_change, q_map_total_change")),
            Map.entry(91, List.of("DROP INDEX q_map_subject_as_of", "CREATE INDEX q_map_subject_history ON "
                    + "q_map_subject USING gist (partnership_id, tstzrange(valid_from, valid_to))")),
            Map.entry(92, List.of("DROP TABLE rebuild_request")),
            Map.entry(93, List.of("DROP TABLE rebuild_deferred_index",
                    "CREATE INDEX q_timeline_partnership ON q_timeline (partnership_id, recorded_at)")),
            Map.entry(94, List.of("DROP TABLE q_partnership_status, q_forum_terms")),
            Map.entry(95, List.of("ALTER TABLE cmd_decision_body DROP COLUMN succeeded_from")),
            Map.entry(96, List.of("ALTER TABLE q_service_change DROP COLUMN proposed_on")),
            Map.entry(97, List.of("ALTER TABLE q_decision RENAME COLUMN passed_to TO succeeded_from")),
            Map.entry(98, List.of()),
            Map.entry(99, List.of("ALTER TABLE q_map_subject DROP COLUMN exists_from, DROP COLUMN exists_until")),
            Map.entry(100, List.of("ALTER TABLE q_accountability DROP COLUMN reviews")),
            Map.entry(101, List.of("DROP TABLE cmd_member_act")),
            Map.entry(102, List.of("ALTER TABLE q_theme_assessment DROP COLUMN questions",
                    "ALTER TABLE q_confidence DROP COLUMN question, DROP COLUMN respondent_ods_code")),
            Map.entry(103, List.of("DROP TABLE cmd_delegation",
                    "ALTER TABLE cmd_subject DROP COLUMN forum_id, DROP COLUMN decided_on")),
            // Its rewritten timeline lines stay (a second run leaves them as they are); its rebuild function is written
            // again by V99 before anything calls it, and by V104 itself.
            Map.entry(104, List.of("DROP TABLE q_timeline_title")),
            Map.entry(105, List.of()),
            Map.entry(106, List.of("ALTER TABLE q_member DROP COLUMN earlier_periods")),
            Map.entry(107, List.of("DROP INDEX IF EXISTS q_accountability_as_of")),
            Map.entry(108, List.of()),
            Map.entry(109, List.of()),
            Map.entry(111, List.of("ALTER TABLE idempotent_request DROP COLUMN event_position")),
            Map.entry(112, List.of()),
            Map.entry(113, List.of()),
            Map.entry(114, List.of("ALTER TABLE domainevententry DROP COLUMN inserted_at")),
            Map.entry(115, List.of()));

    private UndoneMigrations() {
    }

    /** Undoes every migration from {@code version} on (it must be one this class knows how to undo). */
    static void since(JdbcClient db, int version) {
        if (!UNDO.containsKey(version)) {
            throw new IllegalArgumentException("No undo of V" + version + " here");
        }
        UNDO.keySet().stream().filter(v -> v >= version).sorted(java.util.Comparator.reverseOrder()).forEach(v -> {
            UNDO.get(v).forEach(statement -> db.sql(statement).update());
            db.sql("DELETE FROM flyway_schema_history WHERE version = ?").param(String.valueOf(v)).update();
        });
        Integer newest = db.sql("SELECT max(CAST(version AS integer)) FROM flyway_schema_history WHERE version ~ '^[0-9]+$'")
                .query(Integer.class).single();
        if (newest != null && newest >= version) {
            throw new IllegalStateException("V" + newest + " is applied but not undone here: add its undo");
        }
    }
}
