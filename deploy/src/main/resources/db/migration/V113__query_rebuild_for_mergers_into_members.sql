-- A body that absorbs another (a succession into a body already a member: a CCG merging into another, a trust into
-- a trust) keeps its own name: it had taken the name typed on the succession, and names are not kept by day, so a
-- typo in the second half of a merger renamed the body for every day of its history. Only stores holding such a
-- succession rebuild their read models once; others are left alone.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM domainevententry
               WHERE payloadtype = 'uk.nhs.stpgov.events.partnership.MemberSucceeded'
                 AND convert_from(payload, 'UTF8')::jsonb ->> 'successorWasMember' = 'true') THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
