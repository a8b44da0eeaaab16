-- The map's counts as they were recorded, so that a summary as of an earlier instant reads a few rows instead of
-- every subject of the map as it stood then (issue 9).
--
-- Every change of a count (q_map_count's +1/-1 on a business day) with the recorded instant of the event that made it.
-- As of T on day D: the totals at T less the changes recorded by T and dated after D.
CREATE TABLE q_map_count_change (
    partnership_id VARCHAR(40) NOT NULL,
    kind           VARCHAR(40) NOT NULL,
    day            DATE        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    n              BIGINT      NOT NULL
);
CREATE INDEX q_map_count_change_day ON q_map_count_change (partnership_id, day) INCLUDE (recorded_at, kind, n);

-- The totals by kind ({kind: n}, zeros left out) after each recorded instant that changed them.
CREATE TABLE q_map_total_change (
    partnership_id VARCHAR(40) NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    totals         JSONB       NOT NULL,
    PRIMARY KEY (partnership_id, recorded_at)
);

-- Stored read models have no history of their counts: empty them and remove the projections' tokens, so the first
-- start of this version rebuilds every read model from the event store (queries answer from partial tables meanwhile,
-- as during any rebuild). Events parked in the dead-letter queue are met again by the rebuild.
TRUNCATE q_map_subject, q_map_count, q_map_total, q_accountability, q_decision, q_ratification, q_partnership,
    q_member, q_forum, q_delegation, q_service_change, q_assurance_test, q_stage_move, q_timeline,
    q_theme_assessment, q_confidence;
UPDATE q_partnership_version SET version = version + 1;
DELETE FROM tokenentry WHERE processorname = 'projections';
DELETE FROM deadletterentry WHERE processinggroup = 'projections';
