-- Every period of a body's membership: a body that left and was admitted again kept only its new period on the query
-- side (its version row was overwritten by the re-admission), so a day of its earlier membership read as before it
-- joined: the member on that day, NO_STATUTORY_DECIDER on its decisions then, HOLDER_WITHDRAWN between its periods
-- and the succession of a body succeeded before it came back were lost. The periods before the latest, oldest first,
-- as JSON ({joinedOn, withdrawnOn, withdrawReason, succeededBy}); the latest stays in the row's own columns.
ALTER TABLE q_member ADD COLUMN earlier_periods JSONB NOT NULL DEFAULT '[]';

-- Stores in which a body joined again after leaving rebuild their read models once; others are left alone.
DO $$
BEGIN
    IF EXISTS (
        WITH acts AS (
            SELECT aggregateidentifier AS aggregate, sequencenumber AS seq, payloadtype AS type,
                   convert_from(payload, 'UTF8')::jsonb AS body
            FROM domainevententry
            WHERE payloadtype IN ('uk.nhs.stpgov.events.partnership.MemberAdmitted',
                                  'uk.nhs.stpgov.events.partnership.MemberWithdrew',
                                  'uk.nhs.stpgov.events.partnership.MemberSucceeded')),
        joins AS (
            SELECT aggregate, seq, body ->> 'odsCode' AS ods FROM acts
            WHERE type = 'uk.nhs.stpgov.events.partnership.MemberAdmitted'
            UNION ALL
            SELECT aggregate, seq, body ->> 'successorOdsCode' FROM acts
            WHERE type = 'uk.nhs.stpgov.events.partnership.MemberSucceeded'),
        leaves AS (
            SELECT aggregate, seq, body ->> 'odsCode' AS ods FROM acts
            WHERE type <> 'uk.nhs.stpgov.events.partnership.MemberAdmitted')
        SELECT 1 FROM joins j JOIN leaves l ON l.aggregate = j.aggregate AND l.ods = j.ods AND l.seq < j.seq) THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
