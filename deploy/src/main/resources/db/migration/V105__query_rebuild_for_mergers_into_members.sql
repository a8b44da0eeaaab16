-- A pending ratification passes to a successor that was already a member (a merger into an existing body, such as a
-- trust absorbing another) on the succession day, not on the day the successor first joined: the map's gap windows
-- named the successor as owing on every day since the decision. Stores that hold such a merger rebuild their read
-- models once; others are left alone.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM domainevententry
               WHERE payloadtype = 'uk.nhs.stpgov.events.partnership.MemberSucceeded'
                 AND convert_from(payload, 'UTF8')::jsonb ->> 'successorWasMember' = 'true') THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
