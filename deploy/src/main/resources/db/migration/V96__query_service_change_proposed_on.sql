-- The business day a service change was proposed on (ServiceChangeProposed revision 2; null before it: the day it
-- was recorded counts). The accountability map needs an ACCOUNTABLE for an open change from that day.
ALTER TABLE q_service_change ADD COLUMN proposed_on DATE;

UPDATE q_service_change s SET proposed_on = (convert_from(e.payload, 'UTF8')::jsonb ->> 'proposedOn')::date
FROM domainevententry e
WHERE e.aggregateidentifier = s.service_change_id
  AND e.payloadtype = 'uk.nhs.stpgov.events.servicechange.ServiceChangeProposed';
