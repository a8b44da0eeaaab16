-- The business day a service change was proposed on (ServiceChangeProposed revision 2; null before it: the day it
-- was recorded counts). The accountability map needs an ACCOUNTABLE for an open change from that day.
ALTER TABLE q_service_change ADD COLUMN proposed_on DATE;

UPDATE q_service_change s SET proposed_on = (convert_from(e.payload, 'UTF8')::jsonb ->> 'proposedOn')::date
FROM domainevententry e
WHERE e.aggregateidentifier = s.service_change_id
  AND e.payloadtype = 'uk.nhs.stpgov.events.servicechange.ServiceChangeProposed';

-- Up to this version the map judged a theme's and a service change's need of an ACCOUNTABLE from the day they were
-- recorded (not the business day of the forum's terms or the proposal; a theme left out of a forum's remit kept no
-- need at all), and kept a former holder's NOT_ACCEPTED gap open after its period ended. A store where any of these
-- can differ is rebuilt from the event store on the first start of this version, as V90's was; any other store is
-- left as it is.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM q_accountability WHERE valid_to IS NULL AND jsonb_array_length(former_holders) > 0)
        OR EXISTS (SELECT 1 FROM q_forum_terms
                   WHERE terms_on IS NOT NULL AND terms_on <> (recorded_at AT TIME ZONE 'UTC')::date)
        OR EXISTS (SELECT 1 FROM q_forum_terms GROUP BY partnership_id, forum_id HAVING count(*) > 1)
        OR EXISTS (SELECT 1 FROM q_service_change
                   WHERE proposed_on IS NOT NULL AND proposed_on <> (proposed_at AT TIME ZONE 'UTC')::date) THEN
        TRUNCATE q_map_subject, q_map_count, q_map_total, q_map_count_change, q_map_total_change, q_accountability,
            q_decision, q_ratification, q_partnership, q_member, q_forum, q_delegation, q_partnership_status,
            q_forum_terms, q_service_change, q_assurance_test, q_stage_move, q_timeline, q_theme_assessment,
            q_confidence;
        UPDATE q_partnership_version SET version = version + 1;
        DELETE FROM tokenentry WHERE processorname = 'projections';
        DELETE FROM deadletterentry WHERE processinggroup = 'projections';
    END IF;
END $$;
