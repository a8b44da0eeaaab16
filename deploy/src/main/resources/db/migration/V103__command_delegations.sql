-- The delegations on record, so a decision knows which of its deciding bodies it binds by a delegation in force on
-- the day it was taken (DESIGN §1: such a body owes no ratification, so a succession passes none on and neither it nor
-- its successor answers one), whatever the order in which the delegation, its revocation and the decision were
-- recorded. Written by the subscribing "command-registry" processor in the same transaction as the events.
-- themes: theme codes joined by commas (as cmd_subject.themes); revoked_on: the day of the latest revocation recorded
-- (a revocation back-loaded before a succession's pass replaces the pass's day), from which it is no longer in force.
CREATE TABLE cmd_delegation (
    partnership_id VARCHAR(40)  NOT NULL,
    delegation_id  VARCHAR(64)  NOT NULL,
    forum_id       VARCHAR(64)  NOT NULL,
    from_ods_code  VARCHAR(10)  NOT NULL,
    themes         VARCHAR(200) NOT NULL,
    effective_from DATE         NOT NULL,
    effective_to   DATE,
    revoked_on     DATE,
    PRIMARY KEY (partnership_id, delegation_id)
);
CREATE INDEX cmd_delegation_body ON cmd_delegation (partnership_id, forum_id, from_ods_code);

-- A decision's forum and day, so a revocation back-loaded before a decision finds the decisions it unbinds.
ALTER TABLE cmd_subject ADD COLUMN forum_id VARCHAR(64), ADD COLUMN decided_on DATE;

-- Filled from the events already stored (the fields read here are the same in every revision of these types).
INSERT INTO cmd_delegation (partnership_id, delegation_id, forum_id, from_ods_code, themes, effective_from,
                            effective_to)
SELECT p ->> 'partnershipId', p ->> 'delegationId', p ->> 'forumId', p ->> 'fromOdsCode',
       (SELECT string_agg(theme, ',' ORDER BY theme) FROM jsonb_array_elements_text(p -> 'themes') AS theme),
       (p ->> 'effectiveFrom')::date, (p ->> 'effectiveTo')::date
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype = 'uk.nhs.stpgov.events.partnership.AuthorityDelegated') e
ON CONFLICT DO NOTHING;

UPDATE cmd_delegation d SET revoked_on = r.revoked_on
FROM (SELECT DISTINCT ON (p ->> 'partnershipId', p ->> 'delegationId') p ->> 'partnershipId' AS partnership_id,
             p ->> 'delegationId' AS delegation_id, (p ->> 'on')::date AS revoked_on
      FROM (SELECT globalindex, convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
            WHERE payloadtype = 'uk.nhs.stpgov.events.partnership.DelegationRevoked') e
      ORDER BY p ->> 'partnershipId', p ->> 'delegationId', globalindex DESC) r
WHERE d.partnership_id = r.partnership_id AND d.delegation_id = r.delegation_id;

UPDATE cmd_subject s SET forum_id = e.p ->> 'forumId', decided_on = (e.p ->> 'decidedOn')::date
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype = 'uk.nhs.stpgov.events.decision.DecisionRecorded') e
WHERE s.subject_type = 'DECISION' AND s.subject_id = e.p ->> 'decisionId';
