-- A gap about who is ACCOUNTABLE (NON_STATUTORY_ACCOUNTABLE, JOINT_ACCOUNTABLE, NO_ACCOUNTABLE) shows since the day
-- its condition began, judged day by day on each day's holders: NON_STATUTORY_ACCOUNTABLE had shown since the latest
-- holder's effectiveFrom, so a transfer to a non-statutory body, a spell with a statutory one in between or a
-- statutory joint holder leaving kept the assignment's first day; JOINT_ACCOUNTABLE moved to the day a third holder
-- joined; NO_ACCOUNTABLE before a handed-on assignment took effect showed since its relinquishment years later. And
-- JOINT_ACCOUNTABLE counts holders once: two joint CCGs merged into one (both parts passed on by the succession to the
-- same organisation, post and person) are one holder, no longer a joint gap naming it twice. The map stores each gap's since with
-- its windows, so only stores holding a transfer, a succession or a joint assignment (the only histories whose
-- gaps change) rebuild their read models once; others are left alone.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM domainevententry
               WHERE payloadtype IN ('uk.nhs.stpgov.events.accountability.AccountabilityTransferred',
                                     'uk.nhs.stpgov.events.partnership.MemberSucceeded'))
       OR EXISTS (SELECT 1 FROM domainevententry
                  WHERE payloadtype = 'uk.nhs.stpgov.events.accountability.AccountabilityAssigned'
                    AND convert_from(payload, 'UTF8')::jsonb ->> 'joint' = 'true') THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
