-- A partnership as it stood on a business day (GET /api/partnerships/{pid}?on=): its status and name, and each
-- forum's members and remit, in force that day. q_partnership and q_forum keep only the latest of each, so their
-- history is kept here, one row per event (keyed by the Partnership aggregate's sequence number), with the instant it
-- was recorded so that an answer as of an earlier instant leaves out the rows recorded after it. A read takes one
-- partnership's rows in sequence order: the primary key serves it.

-- The registration (STP, the registered name, status_on null: from the start) and each status change (name null:
-- unchanged).
CREATE TABLE q_partnership_status (
    partnership_id VARCHAR(40) NOT NULL,
    seq            BIGINT      NOT NULL,
    status         VARCHAR(20) NOT NULL,
    name           VARCHAR(200),
    status_on      DATE,
    recorded_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (partnership_id, seq)
);

-- Each forum's establishment terms (terms_on = establishedOn, null when it was not recorded: they then count from any
-- day) and each change of terms from terms_on.
CREATE TABLE q_forum_terms (
    partnership_id   VARCHAR(40) NOT NULL,
    seq              BIGINT      NOT NULL,
    forum_id         VARCHAR(64) NOT NULL,
    member_ods_codes TEXT[]      NOT NULL,
    themes           TEXT[]      NOT NULL,
    terms_on         DATE,
    recorded_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (partnership_id, seq)
);

-- Filled from the events already stored, so an upgraded record needs no rebuild. The projection writes the same rows
-- (ON CONFLICT DO NOTHING: it may meet events written here, if its token is behind). Recorded instants are kept to
-- the millisecond, as the projections keep them (Sql.ts). Arrays keep the payload's order (themes are stored sorted).
INSERT INTO q_partnership_status (partnership_id, seq, status, name, status_on, recorded_at)
SELECT p ->> 'partnershipId', sequencenumber,
       CASE WHEN payloadtype LIKE '%.PartnershipRegistered' THEN 'STP' ELSE p ->> 'status' END,
       p ->> 'name', (p ->> 'on')::date, date_trunc('milliseconds', timestamp::timestamptz)
FROM (SELECT payloadtype, sequencenumber, timestamp, convert_from(payload, 'UTF8')::jsonb AS p
      FROM domainevententry
      WHERE payloadtype IN ('uk.nhs.stpgov.events.partnership.PartnershipRegistered',
                            'uk.nhs.stpgov.events.partnership.PartnershipStatusChanged')) e
ON CONFLICT DO NOTHING;

INSERT INTO q_forum_terms (partnership_id, seq, forum_id, member_ods_codes, themes, terms_on, recorded_at)
SELECT p ->> 'partnershipId', sequencenumber, p ->> 'forumId',
       ARRAY(SELECT v FROM jsonb_array_elements_text(p -> 'memberOdsCodes') WITH ORDINALITY AS a(v, i) ORDER BY i),
       ARRAY(SELECT v FROM jsonb_array_elements_text(p -> 'themes') WITH ORDINALITY AS a(v, i) ORDER BY i),
       coalesce(p ->> 'establishedOn', p ->> 'on')::date, date_trunc('milliseconds', timestamp::timestamptz)
FROM (SELECT sequencenumber, timestamp, convert_from(payload, 'UTF8')::jsonb AS p
      FROM domainevententry
      WHERE payloadtype IN ('uk.nhs.stpgov.events.partnership.ForumEstablished',
                            'uk.nhs.stpgov.events.partnership.ForumTermsChanged')) e
ON CONFLICT DO NOTHING;
