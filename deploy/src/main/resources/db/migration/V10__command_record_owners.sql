-- Which partnership each accountability belongs to, so a request on /api/accountabilities/{id} can be authorised
-- against its partnership (service changes and decisions already have theirs in cmd_subject).
-- Kept by the subscribing "command-registry" processor in the same transaction as the events.

CREATE TABLE cmd_accountability (
    accountability_id VARCHAR(64) PRIMARY KEY,
    partnership_id    VARCHAR(40) NOT NULL
);

-- Stores written before this table existed: take the owner from each AccountabilityAssigned event.
INSERT INTO cmd_accountability (accountability_id, partnership_id)
SELECT aggregateidentifier, convert_from(payload, 'UTF8')::jsonb ->> 'partnershipId'
FROM domainevententry
WHERE payloadtype = 'uk.nhs.stpgov.events.accountability.AccountabilityAssigned'
ON CONFLICT DO NOTHING;
