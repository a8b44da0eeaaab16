-- A pending ratification passes to a successor that was already a member (a merger into an existing body, such as a
-- trust absorbing another) on the succession day, not on the day the successor first joined: the map's gap windows
-- named the successor as owing on every day since the decision. And a successor that is itself a pending deciding
-- body is named once, as itself, as the decision's bindings list it ("[QWO (successor of 36J), QWO]" is now "[QWO]").
-- Stores that hold such a merger or such a decision rebuild their read models once; others are left alone.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM domainevententry
               WHERE payloadtype = 'uk.nhs.stpgov.events.partnership.MemberSucceeded'
                 AND convert_from(payload, 'UTF8')::jsonb ->> 'successorWasMember' = 'true')
       OR EXISTS (SELECT 1 FROM domainevententry passed
                  JOIN domainevententry recorded ON recorded.aggregateidentifier = passed.aggregateidentifier
                   AND recorded.payloadtype = 'uk.nhs.stpgov.events.decision.DecisionRecorded'
                  WHERE passed.payloadtype = 'uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded'
                    AND (convert_from(recorded.payload, 'UTF8')::jsonb -> 'decidingOdsCodes')
                        ? (convert_from(passed.payload, 'UTF8')::jsonb ->> 'odsCode')) THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
