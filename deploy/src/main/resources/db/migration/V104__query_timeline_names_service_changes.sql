-- The timeline's lines for an assurance test or a stage move did not name the service change they belong to: in a
-- partnership with several changes they read as if there were one only. The timeline keeps each change's title in a
-- table of its own (from the change's proposal; a title never changes), for events of a change proposed in an earlier
-- batch.
CREATE TABLE q_timeline_title (
    subject_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    title      VARCHAR(200) NOT NULL
);

INSERT INTO q_timeline_title (subject_id, title)
SELECT DISTINCT ON (service_change_id) service_change_id, title FROM q_service_change
ORDER BY service_change_id, seq
ON CONFLICT DO NOTHING;

-- The lines written before name their change as query/timeline/Summaries now writes them (a rebuild from zero gives
-- the same text). Only lines in the old shape are rewritten, so applying this again changes nothing.
UPDATE q_timeline t SET summary = 'Service change ' || n.title || substr(t.summary, 15)
FROM q_timeline_title n
WHERE t.aggregate_id = n.subject_id AND t.type = 'ServiceChangeAdvanced' AND t.summary LIKE 'Service change moved %';

UPDATE q_timeline t SET summary = 'Assurance test of ' || n.title || ': ' || substr(t.summary, 16)
FROM q_timeline_title n
WHERE t.aggregate_id = n.subject_id AND t.type = 'AssuranceTestRecorded' AND t.summary NOT LIKE 'Assurance test of %';

-- Answers kept for the partnerships' versions showed the old lines.
UPDATE q_partnership_version SET version = version + 1;

-- A rebuild on upgrade (V99's function) empties the titles with the rest of the read models.
CREATE OR REPLACE FUNCTION stpgov_rebuild_read_models() RETURNS void LANGUAGE sql AS $$
    TRUNCATE q_map_subject, q_map_count, q_map_total, q_map_count_change, q_map_total_change, q_accountability,
        q_decision, q_ratification, q_partnership, q_member, q_forum, q_delegation, q_partnership_status,
        q_forum_terms, q_service_change, q_assurance_test, q_stage_move, q_timeline, q_timeline_title,
        q_theme_assessment, q_confidence;
    UPDATE q_partnership_version SET version = version + 1;
    DELETE FROM tokenentry WHERE processorname = 'projections';
    DELETE FROM deadletterentry WHERE processinggroup = 'projections';
$$;
