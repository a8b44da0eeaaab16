-- An acceptance dated before its assignment's effectiveFrom (signed ahead of the office, as the command side allows)
-- counts from the office's first day. Recorded after the assignment had passed on (a succession, a chain of them, or
-- a transfer), the read models had not counted it for the first holder, nor down the chain: the holders showed
-- accepted:false and NOT_ACCEPTED for ever while the command side refused a second acceptance. Only stores holding
-- such an acceptance on an assignment that was transferred or passed on rebuild their read models once; others are
-- left alone.
DO $$
BEGIN
    IF EXISTS (SELECT 1
               FROM domainevententry accepted
               JOIN domainevententry assigned
                 ON assigned.aggregateidentifier = accepted.aggregateidentifier
                AND assigned.payloadtype = 'uk.nhs.stpgov.events.accountability.AccountabilityAssigned'
               WHERE accepted.payloadtype = 'uk.nhs.stpgov.events.accountability.AccountabilityAccepted'
                 AND (convert_from(accepted.payload, 'UTF8')::jsonb ->> 'on')::date
                     < (convert_from(assigned.payload, 'UTF8')::jsonb ->> 'effectiveFrom')::date
                 AND EXISTS (SELECT 1 FROM domainevententry moved
                             WHERE moved.aggregateidentifier = accepted.aggregateidentifier
                               AND moved.payloadtype = 'uk.nhs.stpgov.events.accountability.AccountabilityTransferred'))
    THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
