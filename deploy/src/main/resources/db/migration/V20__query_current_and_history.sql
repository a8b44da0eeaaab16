-- Queries whose cost follows the size of the answer, not the length of the history (issue 9).
-- 1. Current rows (the open version, valid_to IS NULL) through partial indexes: a current answer never touches
--    closed versions.
-- 2. As-of reads of stored history through GiST indexes that bound both ends of recorded-time validity
--    (btree_gist lets the partnership or record id sit in the same index as the range).
-- 3. The accountability map as its own read model (q_map_subject, one open row per subject, versioned like the
--    others) with per-partnership counts kept by the projection (q_map_count, q_map_total).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE INDEX q_member_open ON q_member (partnership_id, ods_code) WHERE valid_to IS NULL;
CREATE INDEX q_member_history ON q_member USING gist (partnership_id, tstzrange(valid_from, valid_to));

CREATE INDEX q_delegation_open ON q_delegation (partnership_id, forum_id) WHERE valid_to IS NULL;
CREATE INDEX q_delegation_history ON q_delegation USING gist (partnership_id, tstzrange(valid_from, valid_to));

CREATE INDEX q_service_change_open ON q_service_change (service_change_id) WHERE valid_to IS NULL;
CREATE INDEX q_service_change_history ON q_service_change USING gist (service_change_id, tstzrange(valid_from, valid_to));

CREATE INDEX q_decision_open ON q_decision (decision_id) WHERE valid_to IS NULL;
CREATE INDEX q_decision_open_forum ON q_decision (forum_id) WHERE valid_to IS NULL AND forum_id IS NOT NULL;
CREATE INDEX q_decision_open_change ON q_decision (service_change_id)
    WHERE valid_to IS NULL AND service_change_id IS NOT NULL;
-- The decision history's order (newest decidedOn first, then newest recorded), for keyset pages.
CREATE INDEX q_decision_page ON q_decision (partnership_id, decided_on DESC, recorded_at DESC, decision_id DESC)
    WHERE valid_to IS NULL;
CREATE INDEX q_decision_history ON q_decision USING gist (decision_id, tstzrange(valid_from, valid_to));
CREATE INDEX q_decision_partnership_history ON q_decision USING gist (partnership_id, tstzrange(valid_from, valid_to));

CREATE INDEX q_accountability_open ON q_accountability (accountability_id) WHERE valid_to IS NULL;
CREATE INDEX q_accountability_open_subject ON q_accountability (partnership_id, subject_type, subject_ref)
    WHERE valid_to IS NULL;
CREATE INDEX q_accountability_history ON q_accountability USING gist (accountability_id, tstzrange(valid_from, valid_to));

CREATE INDEX q_timeline_page ON q_timeline (partnership_id, recorded_at, aggregate_id, seq);
CREATE INDEX q_assurance_test_change ON q_assurance_test (service_change_id, test, seq);

-- projection "accountability map": one row per subject of the map, versioned by recorded time. `holders` are the
-- live assignments (pending ones included, split by the day asked about), `gaps` every gap the subject can show
-- with the business dates between which it shows ([from, until)), so date-dependent gaps are judged when read.
CREATE TABLE q_map_subject (
    id             BIGSERIAL    PRIMARY KEY,
    partnership_id VARCHAR(40)  NOT NULL,
    subject_type   VARCHAR(20)  NOT NULL,
    subject_ref    VARCHAR(64)  NOT NULL,
    sort_key       TEXT COLLATE "C" NOT NULL,
    title          VARCHAR(200),
    theme          VARCHAR(20),
    themes         TEXT[]       NOT NULL,
    ods_codes      TEXT[]       NOT NULL,
    holders        JSONB        NOT NULL,
    gaps           JSONB        NOT NULL,
    gap_kinds      TEXT[]       NOT NULL,
    valid_from     TIMESTAMPTZ  NOT NULL,
    valid_to       TIMESTAMPTZ
);
CREATE UNIQUE INDEX q_map_subject_open ON q_map_subject (partnership_id, subject_type, subject_ref)
    WHERE valid_to IS NULL;
CREATE UNIQUE INDEX q_map_subject_page ON q_map_subject (partnership_id, sort_key) WHERE valid_to IS NULL;
CREATE INDEX q_map_subject_gap_page ON q_map_subject (partnership_id, sort_key)
    WHERE valid_to IS NULL AND gap_kinds <> '{}';
CREATE INDEX q_map_subject_history ON q_map_subject USING gist (partnership_id, tstzrange(valid_from, valid_to));

-- Counts of the current map by kind ('SUBJECTS', 'WITH_GAPS' and each gap kind): n(kind, on) = total - the changes
-- dated after `on`. A count starts (+1) on the day a gap starts and ends (-1) on the day it ends; only changes dated
-- ahead of the day asked about are summed at read time.
CREATE TABLE q_map_total (
    partnership_id VARCHAR(40) NOT NULL,
    kind           VARCHAR(40) NOT NULL,
    n              BIGINT      NOT NULL,
    PRIMARY KEY (partnership_id, kind)
);
CREATE TABLE q_map_count (
    partnership_id VARCHAR(40) NOT NULL,
    kind           VARCHAR(40) NOT NULL,
    day            DATE        NOT NULL,
    n              BIGINT      NOT NULL,
    PRIMARY KEY (partnership_id, day, kind)
);
