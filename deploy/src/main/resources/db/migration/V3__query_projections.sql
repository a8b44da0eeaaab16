-- Query-side read models. Each table belongs to one projection (one processing group) and is emptied by its
-- @ResetHandler. Rows that change carry their recorded-time validity [valid_from, valid_to), so an as-of query
-- reads the version valid at that instant instead of replaying the event store. `seq` is the sequence number of
-- the aggregate event that wrote the row, so a redelivered event is recognised and skipped.

-- projection "partnerships"
CREATE TABLE q_partnership (
    partnership_id VARCHAR(40) PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    region         VARCHAR(200) NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    seq            BIGINT       NOT NULL
);

CREATE TABLE q_member (
    partnership_id  VARCHAR(40)  NOT NULL,
    ods_code        VARCHAR(10)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    sector          VARCHAR(30)  NOT NULL,
    statutory       BOOLEAN      NOT NULL,
    joined_on       DATE         NOT NULL,
    withdrawn_on    DATE,
    withdraw_reason TEXT,
    valid_from      TIMESTAMPTZ  NOT NULL,
    valid_to        TIMESTAMPTZ,
    seq             BIGINT       NOT NULL,
    PRIMARY KEY (partnership_id, ods_code, seq)
);
CREATE INDEX q_member_current ON q_member (partnership_id, valid_to);

CREATE TABLE q_forum (
    partnership_id   VARCHAR(40)  NOT NULL,
    forum_id         VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    kind             VARCHAR(30)  NOT NULL,
    member_ods_codes TEXT[]       NOT NULL,
    themes           TEXT[]       NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    seq              BIGINT       NOT NULL,
    PRIMARY KEY (partnership_id, forum_id)
);

CREATE TABLE q_delegation (
    partnership_id VARCHAR(40) NOT NULL,
    forum_id       VARCHAR(64) NOT NULL,
    delegation_id  VARCHAR(64) NOT NULL,
    from_ods_code  VARCHAR(10) NOT NULL,
    themes         TEXT[]      NOT NULL,
    effective_from DATE        NOT NULL,
    effective_to   DATE,
    revoked_on     DATE,
    revoke_reason  TEXT,
    valid_from     TIMESTAMPTZ NOT NULL,
    valid_to       TIMESTAMPTZ,
    seq            BIGINT      NOT NULL,
    PRIMARY KEY (partnership_id, delegation_id, seq)
);
CREATE INDEX q_delegation_current ON q_delegation (partnership_id, valid_to);

-- projection "service-changes"
CREATE TABLE q_service_change (
    service_change_id VARCHAR(64)  NOT NULL,
    partnership_id    VARCHAR(40)  NOT NULL,
    title             VARCHAR(200) NOT NULL,
    kind              VARCHAR(30)  NOT NULL,
    themes            TEXT[]       NOT NULL,
    lead_ods_code     VARCHAR(10)  NOT NULL,
    description       TEXT,
    stage             VARCHAR(20)  NOT NULL,
    proposed_at       TIMESTAMPTZ  NOT NULL,
    valid_from        TIMESTAMPTZ  NOT NULL,
    valid_to          TIMESTAMPTZ,
    seq               BIGINT       NOT NULL,
    PRIMARY KEY (service_change_id, seq)
);
CREATE INDEX q_service_change_partnership ON q_service_change (partnership_id, valid_to);

CREATE TABLE q_assurance_test (
    service_change_id VARCHAR(64) NOT NULL,
    seq               BIGINT      NOT NULL,
    test              VARCHAR(30) NOT NULL,
    result            VARCHAR(20) NOT NULL,
    evidence          TEXT,
    recorded_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (service_change_id, seq)
);

CREATE TABLE q_stage_move (
    service_change_id VARCHAR(64) NOT NULL,
    seq               BIGINT      NOT NULL,
    from_stage        VARCHAR(20) NOT NULL,
    to_stage          VARCHAR(20) NOT NULL,
    note              TEXT,
    recorded_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (service_change_id, seq)
);

-- projection "decisions"
CREATE TABLE q_decision (
    decision_id        VARCHAR(64)  NOT NULL,
    partnership_id     VARCHAR(40)  NOT NULL,
    title              VARCHAR(200) NOT NULL,
    theme              VARCHAR(20)  NOT NULL,
    forum_id           VARCHAR(64),
    service_change_id  VARCHAR(64),
    deciding_ods_codes TEXT[]       NOT NULL,
    outcome            VARCHAR(20)  NOT NULL,
    rationale          TEXT,
    decided_on         DATE         NOT NULL,
    supersedes         VARCHAR(64),
    superseded_by      VARCHAR(64),
    status             VARCHAR(20)  NOT NULL,
    status_on          DATE,
    status_reason      TEXT,
    recorded_at        TIMESTAMPTZ  NOT NULL,
    valid_from         TIMESTAMPTZ  NOT NULL,
    valid_to           TIMESTAMPTZ,
    seq                BIGINT       NOT NULL,
    PRIMARY KEY (decision_id, seq)
);
CREATE INDEX q_decision_partnership ON q_decision (partnership_id, valid_to);

CREATE TABLE q_ratification (
    decision_id VARCHAR(64) NOT NULL,
    ods_code    VARCHAR(10) NOT NULL,
    ratified_on DATE        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    seq         BIGINT      NOT NULL,
    PRIMARY KEY (decision_id, ods_code)
);

-- projection "accountabilities"
CREATE TABLE q_accountability (
    accountability_id VARCHAR(64)  NOT NULL,
    partnership_id    VARCHAR(40)  NOT NULL,
    subject_type      VARCHAR(20)  NOT NULL,
    subject_ref       VARCHAR(64)  NOT NULL,
    themes            TEXT[]       NOT NULL,
    role              VARCHAR(20)  NOT NULL,
    ods_code          VARCHAR(10)  NOT NULL,
    post              VARCHAR(200) NOT NULL,
    person_name       VARCHAR(200),
    effective_from    DATE         NOT NULL,
    review_by         DATE,
    joint             BOOLEAN      NOT NULL,
    held_since        DATE         NOT NULL,
    accepted_on       DATE,
    relinquished_on   DATE,
    relinquish_reason TEXT,
    valid_from        TIMESTAMPTZ  NOT NULL,
    valid_to          TIMESTAMPTZ,
    seq               BIGINT       NOT NULL,
    PRIMARY KEY (accountability_id, seq)
);
CREATE INDEX q_accountability_partnership ON q_accountability (partnership_id, valid_to);

-- projection "assessments"
CREATE TABLE q_theme_assessment (
    assessment_id  VARCHAR(64) PRIMARY KEY,
    partnership_id VARCHAR(40) NOT NULL,
    theme          VARCHAR(20) NOT NULL,
    rating         VARCHAR(20) NOT NULL,
    answers        JSONB       NOT NULL,
    assessed_on    DATE        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX q_theme_assessment_partnership ON q_theme_assessment (partnership_id, assessed_on);

CREATE TABLE q_confidence (
    assessment_id   VARCHAR(64)  PRIMARY KEY,
    partnership_id  VARCHAR(40)  NOT NULL,
    respondent_role VARCHAR(200) NOT NULL,
    level           VARCHAR(20)  NOT NULL,
    reason          TEXT,
    recorded_on     DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX q_confidence_partnership ON q_confidence (partnership_id, recorded_on);

-- projection "timeline"
CREATE TABLE q_timeline (
    aggregate_id   VARCHAR(64)  NOT NULL,
    seq            BIGINT       NOT NULL,
    partnership_id VARCHAR(40)  NOT NULL,
    type           VARCHAR(60)  NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(200),
    summary        TEXT         NOT NULL,
    PRIMARY KEY (aggregate_id, seq)
);
CREATE INDEX q_timeline_partnership ON q_timeline (partnership_id, recorded_at);
