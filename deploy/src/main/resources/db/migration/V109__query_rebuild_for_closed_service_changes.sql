-- A service change withdrawn or completed was open on every business day before the day of its closing move (the
-- day it was recorded, in the business zone, as /api/service-changes/{sid}?on= dates a move): it needs an ACCOUNTABLE
-- and a lead from its proposal until then, and shows on the map until then, as a decision does until it is rescinded
-- or superseded. The map had judged it by its stage now, so closing it removed it and its gaps (NO_ACCOUNTABLE,
-- NO_LEAD) from every past day. Stores that hold a closed service change rebuild their read models once; others are
-- left alone.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM domainevententry
               WHERE payloadtype = 'uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced'
                 AND convert_from(payload, 'UTF8')::jsonb ->> 'to' IN ('WITHDRAWN', 'COMPLETED')) THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
