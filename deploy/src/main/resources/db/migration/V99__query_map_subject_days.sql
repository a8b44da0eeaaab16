-- A subject is on the map on the business days it exists: a decision from the day it was taken until the day it was
-- rescinded or superseded (before, it left the map for good, so a day it stood on showed it no more), a service
-- change from the day it was proposed (before, a map on any earlier day listed it and counted it in its summary).
ALTER TABLE q_map_subject ADD COLUMN exists_from DATE, ADD COLUMN exists_until DATE;

-- And REVIEW_OVERDUE's `since` was `reviewBy`, a day on which it did not show; it is the day after. HOLDER_WITHDRAWN
-- and NO_LEAD showed on a body's leaving day, its last day as a member; they show from the day after. An assignment
-- transferred after a succession kept naming the predecessor it was inherited from.
-- The rows and the count history of a store with any decision, service change or accountability were written without
-- those days: it is rebuilt from the event store on the first start of this version, as V98's was (queries answer
-- from partial tables meanwhile, as during any rebuild). Any other store is left as it is.

-- One owner for the rebuild-on-upgrade block (V90 and V98 wrote it out; later migrations call this): the read models
-- emptied, their answers' versions moved on, and the projections' token and parked events dropped, so the first
-- start replays the event store into them.
CREATE OR REPLACE FUNCTION stpgov_rebuild_read_models() RETURNS void LANGUAGE sql AS $$
    TRUNCATE q_map_subject, q_map_count, q_map_total, q_map_count_change, q_map_total_change, q_accountability,
        q_decision, q_ratification, q_partnership, q_member, q_forum, q_delegation, q_partnership_status,
        q_forum_terms, q_service_change, q_assurance_test, q_stage_move, q_timeline, q_theme_assessment, q_confidence;
    UPDATE q_partnership_version SET version = version + 1;
    DELETE FROM tokenentry WHERE processorname = 'projections';
    DELETE FROM deadletterentry WHERE processinggroup = 'projections';
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM q_decision) OR EXISTS (SELECT 1 FROM q_service_change)
        OR EXISTS (SELECT 1 FROM q_accountability) THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
