-- Issue 11: the command registry answers "was X a member ON THAT DATE" and "who held ACCOUNTABLE over which dates",
-- so rules are judged at the business date of each act (DESIGN §1), and it knows what a succession must carry over.
-- Every table is backfilled from the events already stored (their revision-1 payloads), in the order they happened.

-- Membership periods: joined_on .. left_on, both days inclusive (null left_on: still a member). A body that left and
-- was admitted again has two periods.
CREATE TABLE cmd_membership (
    partnership_id VARCHAR(40) NOT NULL,
    ods_code       VARCHAR(10) NOT NULL,
    joined_on      DATE        NOT NULL,
    left_on        DATE,
    statutory      BOOLEAN     NOT NULL,
    left_by        VARCHAR(10),           -- WITHDRAWN or SUCCEEDED
    successor      VARCHAR(10),
    PRIMARY KEY (partnership_id, ods_code, joined_on)
);

-- Every accountability with its holder and dates; ends_on is the day a relinquishment takes effect (exclusive).
ALTER TABLE cmd_accountability
    ADD COLUMN subject_type   VARCHAR(20),
    ADD COLUMN subject_ref    VARCHAR(64),
    ADD COLUMN role           VARCHAR(20),
    ADD COLUMN ods_code       VARCHAR(10),
    ADD COLUMN post           VARCHAR(200),
    ADD COLUMN person_name    VARCHAR(200),
    ADD COLUMN effective_from DATE,
    ADD COLUMN ends_on        DATE;
CREATE INDEX cmd_accountability_subject ON cmd_accountability (partnership_id, subject_type, subject_ref);
CREATE INDEX cmd_accountability_holder ON cmd_accountability (partnership_id, ods_code);

-- Decisions: outcome and the forum's own minute reference (unique per partnership).
ALTER TABLE cmd_subject ADD COLUMN outcome VARCHAR(20), ADD COLUMN reference VARCHAR(64);
CREATE UNIQUE INDEX cmd_subject_reference ON cmd_subject (partnership_id, reference)
    WHERE subject_type = 'DECISION' AND reference IS NOT NULL;

-- Each deciding body of a decision: PENDING until it ratifies (RATIFIED) or declines (DECLINED).
CREATE TABLE cmd_decision_body (
    decision_id    VARCHAR(64) NOT NULL,
    partnership_id VARCHAR(40) NOT NULL,
    ods_code       VARCHAR(10) NOT NULL,
    state          VARCHAR(10) NOT NULL,  -- PENDING, RATIFIED, DECLINED, or SUCCEEDED (passed to a successor)
    PRIMARY KEY (decision_id, ods_code)
);
CREATE INDEX cmd_decision_body_member ON cmd_decision_body (partnership_id, ods_code, state);

DO $$
DECLARE
    e RECORD;
    p JSONB;
    t TEXT;
BEGIN
    FOR e IN SELECT payloadtype, convert_from(payload, 'UTF8')::jsonb AS payload, aggregateidentifier
             FROM domainevententry ORDER BY globalindex LOOP
        p := e.payload;
        t := substring(e.payloadtype from '[^.]+$');
        IF t = 'MemberAdmitted' THEN
            INSERT INTO cmd_membership (partnership_id, ods_code, joined_on, statutory)
            VALUES (p ->> 'partnershipId', p ->> 'odsCode', (p ->> 'joinedOn')::date, (p ->> 'statutory')::boolean)
            ON CONFLICT DO NOTHING;
        ELSIF t = 'MemberWithdrew' THEN
            UPDATE cmd_membership SET left_on = (p ->> 'on')::date, left_by = 'WITHDRAWN'
            WHERE partnership_id = p ->> 'partnershipId' AND ods_code = p ->> 'odsCode' AND left_on IS NULL;
        ELSIF t = 'AccountabilityAssigned' THEN
            UPDATE cmd_accountability SET subject_type = p -> 'subject' ->> 'type', subject_ref = p -> 'subject' ->> 'ref',
                role = p ->> 'role', ods_code = p ->> 'odsCode', post = p ->> 'post', person_name = p ->> 'personName',
                effective_from = (p ->> 'effectiveFrom')::date
            WHERE accountability_id = p ->> 'accountabilityId';
        ELSIF t = 'AccountabilityTransferred' THEN
            UPDATE cmd_accountability SET ods_code = p ->> 'odsCode', post = p ->> 'post', person_name = p ->> 'personName'
            WHERE accountability_id = p ->> 'accountabilityId';
        ELSIF t = 'AccountabilityRelinquished' THEN
            UPDATE cmd_accountability SET ends_on = (p ->> 'on')::date WHERE accountability_id = p ->> 'accountabilityId';
        ELSIF t = 'DecisionRecorded' THEN
            UPDATE cmd_subject SET outcome = p ->> 'outcome'
            WHERE subject_type = 'DECISION' AND subject_id = p ->> 'decisionId';
            INSERT INTO cmd_decision_body (decision_id, partnership_id, ods_code, state)
            SELECT p ->> 'decisionId', p ->> 'partnershipId', ods, 'PENDING'
            FROM jsonb_array_elements_text(p -> 'decidingOdsCodes') AS ods
            ON CONFLICT DO NOTHING;
        ELSIF t = 'DecisionRatified' THEN
            UPDATE cmd_decision_body SET state = 'RATIFIED'
            WHERE decision_id = p ->> 'decisionId' AND ods_code = p ->> 'odsCode';
        END IF;
    END LOOP;
END $$;

-- The current-holder table is replaced by cmd_accountability's dated rows.
DROP TABLE cmd_accountable;
DROP TABLE cmd_member;
