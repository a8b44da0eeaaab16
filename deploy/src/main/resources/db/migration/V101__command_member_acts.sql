-- The acts on record that name a body as a member on a business day, one row per body and act, so a withdrawal or a
-- succession dated before such a day is refused (DESIGN §1: a body named in an act must have been a member that
-- day, whatever the order of recording). Written by the subscribing "command-registry" processor in the same
-- transaction as the events. Forum seats and delegations are not here: the Partnership aggregate holds them.
-- act: DECIDED (a deciding body, on decidedOn), POSITION (a body whose position a decision records, on decidedOn),
-- RATIFIED and DECLINED (the answering body, on its date), HELD (an assignment's holder, on effectiveFrom),
-- TRANSFERRED (the new holder of an ordinary transfer, on its day), PASSED (the new holder of a transfer made by a
-- succession, on its day), ACCEPTED (the holder accepting, on its day), CONFIDENCE (the respondent's organisation, on
-- the day of its answer), LEAD (a service change's lead, on proposedOn).
-- record_id: the decision, accountability, confidence answer or service change.
CREATE TABLE cmd_member_act (
    partnership_id VARCHAR(40) NOT NULL,
    ods_code       VARCHAR(10) NOT NULL,
    acted_on       DATE        NOT NULL,
    act            VARCHAR(12) NOT NULL,
    record_id      VARCHAR(64) NOT NULL,
    PRIMARY KEY (partnership_id, ods_code, acted_on, act, record_id)
);

-- Filled from the events already stored. Revision-1 payloads lack what the upcasters add as null or empty (positions,
-- a confidence answer's organisation, a proposal's date, a transfer's succeededFrom): they name no body here.
INSERT INTO cmd_member_act (partnership_id, ods_code, acted_on, act, record_id)
SELECT p ->> 'partnershipId', ods, (p ->> 'decidedOn')::date, 'DECIDED', p ->> 'decisionId'
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype = 'uk.nhs.stpgov.events.decision.DecisionRecorded') e,
     jsonb_array_elements_text(coalesce(p -> 'decidingOdsCodes', '[]'::jsonb)) AS ods
ON CONFLICT DO NOTHING;

INSERT INTO cmd_member_act (partnership_id, ods_code, acted_on, act, record_id)
SELECT p ->> 'partnershipId', position ->> 'odsCode', (p ->> 'decidedOn')::date, 'POSITION', p ->> 'decisionId'
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype = 'uk.nhs.stpgov.events.decision.DecisionRecorded') e,
     jsonb_array_elements(CASE WHEN jsonb_typeof(p -> 'positions') = 'array' THEN p -> 'positions'
                               ELSE '[]'::jsonb END) AS position
ON CONFLICT DO NOTHING;

INSERT INTO cmd_member_act (partnership_id, ods_code, acted_on, act, record_id)
SELECT p ->> 'partnershipId', p ->> 'odsCode', coalesce(p ->> 'ratifiedOn', p ->> 'on')::date,
       CASE WHEN payloadtype LIKE '%.DecisionRatified' THEN 'RATIFIED' ELSE 'DECLINED' END, p ->> 'decisionId'
FROM (SELECT payloadtype, convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype IN ('uk.nhs.stpgov.events.decision.DecisionRatified',
                            'uk.nhs.stpgov.events.decision.DecisionRatificationDeclined')) e
ON CONFLICT DO NOTHING;

INSERT INTO cmd_member_act (partnership_id, ods_code, acted_on, act, record_id)
SELECT p ->> 'partnershipId', p ->> 'odsCode', coalesce(p ->> 'effectiveFrom', p ->> 'on')::date,
       CASE WHEN payloadtype LIKE '%.AccountabilityAssigned' THEN 'HELD'
            WHEN payloadtype LIKE '%.AccountabilityAccepted' THEN 'ACCEPTED'
            WHEN p ->> 'succeededFrom' IS NULL THEN 'TRANSFERRED'
            ELSE 'PASSED' END,
       p ->> 'accountabilityId'
FROM (SELECT payloadtype, convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype IN ('uk.nhs.stpgov.events.accountability.AccountabilityAssigned',
                            'uk.nhs.stpgov.events.accountability.AccountabilityAccepted',
                            'uk.nhs.stpgov.events.accountability.AccountabilityTransferred')) e
ON CONFLICT DO NOTHING;

INSERT INTO cmd_member_act (partnership_id, ods_code, acted_on, act, record_id)
SELECT p ->> 'partnershipId', p ->> 'respondentOdsCode', (p ->> 'recordedOn')::date, 'CONFIDENCE', p ->> 'assessmentId'
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype = 'uk.nhs.stpgov.events.assessment.ConfidenceRecorded') e
WHERE p ->> 'respondentOdsCode' IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO cmd_member_act (partnership_id, ods_code, acted_on, act, record_id)
SELECT p ->> 'partnershipId', p ->> 'leadOdsCode', (p ->> 'proposedOn')::date, 'LEAD', p ->> 'serviceChangeId'
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype = 'uk.nhs.stpgov.events.servicechange.ServiceChangeProposed') e
WHERE p ->> 'proposedOn' IS NOT NULL AND p ->> 'leadOdsCode' IS NOT NULL
ON CONFLICT DO NOTHING;
