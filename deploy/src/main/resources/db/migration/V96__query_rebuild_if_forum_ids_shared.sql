-- A forum is known by its id within its partnership, and two partnerships may give forums the same id (a client's
-- own ids, one import template for both). Up to this version a forum or delegation event refreshed into its
-- partnership's accountability map the decisions of every partnership with a forum of that id, with their
-- ratifications, and counted them in its summary. A store where a forum id is shared may hold such rows: it is
-- rebuilt from the event store on the first start of this version, as V90's was (queries answer from partial tables
-- meanwhile, as during any rebuild; parked events are met again). Any other store is left as it is.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM q_forum GROUP BY forum_id HAVING count(DISTINCT partnership_id) > 1) THEN
        TRUNCATE q_map_subject, q_map_count, q_map_total, q_map_count_change, q_map_total_change, q_accountability,
            q_decision, q_ratification, q_partnership, q_member, q_forum, q_delegation, q_partnership_status,
            q_forum_terms, q_service_change, q_assurance_test, q_stage_move, q_timeline, q_theme_assessment,
            q_confidence;
        UPDATE q_partnership_version SET version = version + 1;
        DELETE FROM tokenentry WHERE processorname = 'projections';
        DELETE FROM deadletterentry WHERE processinggroup = 'projections';
    END IF;
END $$;
