-- A successor that is itself a pending deciding body is named once, as itself, as the decision's bindings list it
-- ("[QWO (successor of 36J), QWO]" is now "[QWO]"). Stores that hold such a decision rebuild their read models once;
-- others are left alone. (This condition was first added to V105 after V105 had been written; it lives here so that
-- V105 stays as stores first applied it. A store that ran the edited V105 has rebuilt already and rebuilds once
-- more here; EditedMigrations accepts its recorded checksum of V105.)
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM domainevententry passed
               JOIN domainevententry recorded ON recorded.aggregateidentifier = passed.aggregateidentifier
                AND recorded.payloadtype = 'uk.nhs.stpgov.events.decision.DecisionRecorded'
               WHERE passed.payloadtype = 'uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded'
                 AND (convert_from(recorded.payload, 'UTF8')::jsonb -> 'decidingOdsCodes')
                     ? (convert_from(passed.payload, 'UTF8')::jsonb ->> 'odsCode')) THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
