-- Read models that this version derives differently from the same events. A stored map row holds the windows the
-- version that wrote it computed, so a store where any of the following can differ is rebuilt from the event store on
-- the first start of this version, as V90's was (queries answer from partial tables meanwhile, as during any rebuild;
-- parked events are met again); any other store is left as it is. Up to this version:
-- * a forum or delegation event refreshed into its partnership's map the decisions of every partnership with a forum
--   of the same id (a client's own ids, one import template for both), and counted them in its summary;
-- * a theme's and a service change's need of an ACCOUNTABLE counted from the day recorded, not the business day of the
--   forum's terms or of the proposal, and a theme left out of a forum's remit kept no need at all;
-- * a former holder's NOT_ACCEPTED stayed open after its period ended;
-- * a body that took over a decision's ratification from several (CCGs merged into one) held only one of them;
-- * NO_STATUTORY_DECIDER and ASSURANCE_NOT_MET showed on days before the decision was taken, and ASSURANCE_NOT_MET was
--   judged on each test's latest result, not the result in force on the day asked about.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM q_forum GROUP BY forum_id HAVING count(DISTINCT partnership_id) > 1)
        OR EXISTS (SELECT 1 FROM q_accountability WHERE valid_to IS NULL AND jsonb_array_length(former_holders) > 0)
        OR EXISTS (SELECT 1 FROM q_forum_terms
                   WHERE terms_on IS NOT NULL AND terms_on <> (recorded_at AT TIME ZONE 'UTC')::date)
        OR EXISTS (SELECT 1 FROM q_forum_terms GROUP BY partnership_id, forum_id HAVING count(*) > 1)
        OR EXISTS (SELECT 1 FROM q_service_change
                   WHERE proposed_on IS NOT NULL AND proposed_on <> (proposed_at AT TIME ZONE 'UTC')::date)
        OR EXISTS (SELECT 1 FROM domainevententry
                   WHERE payloadtype = 'uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded'
                   GROUP BY aggregateidentifier, convert_from(payload, 'UTF8')::jsonb ->> 'odsCode'
                   HAVING count(*) > 1)
        OR EXISTS (SELECT 1 FROM q_map_subject
                   WHERE gap_kinds && ARRAY['NO_STATUTORY_DECIDER', 'ASSURANCE_NOT_MET']::text[])
        OR EXISTS (SELECT 1 FROM q_assurance_test GROUP BY service_change_id, test HAVING count(*) > 1) THEN
        TRUNCATE q_map_subject, q_map_count, q_map_total, q_map_count_change, q_map_total_change, q_accountability,
            q_decision, q_ratification, q_partnership, q_member, q_forum, q_delegation, q_partnership_status,
            q_forum_terms, q_service_change, q_assurance_test, q_stage_move, q_timeline, q_theme_assessment,
            q_confidence;
        UPDATE q_partnership_version SET version = version + 1;
        DELETE FROM tokenentry WHERE processorname = 'projections';
        DELETE FROM deadletterentry WHERE processinggroup = 'projections';
    END IF;
END $$;
