-- A decision's ratifications passed on by succession, now keyed by the body that passed it: {predecessor: successor}.
-- Keyed by the successor ({successor: predecessor}, succeeded_from) it could hold only one of the bodies that merged
-- into one (CCGs merged in 2020, all CCGs of a system succeeded by one ICB in 2022): the others were shown as still
-- owing a ratification their successor had given. Rows of a single predecessor per successor are turned round here.
ALTER TABLE q_decision RENAME COLUMN succeeded_from TO passed_to;
UPDATE q_decision SET passed_to = (SELECT jsonb_object_agg(value, key) FROM jsonb_each_text(passed_to))
WHERE passed_to <> '{}'::jsonb;

-- A store where a body took over a decision's ratification from several lost all but one of them; and up to this
-- version a decision's NO_STATUTORY_DECIDER and ASSURANCE_NOT_MET showed on days before it was taken, and
-- ASSURANCE_NOT_MET was judged on each test's latest result, not the result in force on the day asked about. A store
-- where any of these can differ is rebuilt from the event store on the first start of this version, as V90's was; any
-- other store is left as it is.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM domainevententry
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
