-- The command side's registry: what commands must know about other aggregates (see GovernanceRegistry).
-- Written in the same transaction as the events, by the subscribing "command-registry" processor.

CREATE TABLE cmd_partnership (
    partnership_id VARCHAR(40) PRIMARY KEY
);

CREATE TABLE cmd_member (
    partnership_id VARCHAR(40) NOT NULL,
    ods_code       VARCHAR(10) NOT NULL,
    statutory      BOOLEAN     NOT NULL,
    current        BOOLEAN     NOT NULL,
    PRIMARY KEY (partnership_id, ods_code)
);

CREATE TABLE cmd_forum (
    partnership_id VARCHAR(40)  NOT NULL,
    forum_id       VARCHAR(64)  NOT NULL,
    PRIMARY KEY (partnership_id, forum_id)
);

-- Service changes and decisions that accountabilities and decisions may refer to.
CREATE TABLE cmd_subject (
    subject_type   VARCHAR(20)  NOT NULL,
    subject_id     VARCHAR(64)  NOT NULL,
    partnership_id VARCHAR(40)  NOT NULL,
    themes         VARCHAR(200) NOT NULL,
    status         VARCHAR(20),
    PRIMARY KEY (subject_type, subject_id)
);

-- Current ACCOUNTABLE assignments (relinquished ones are deleted).
CREATE TABLE cmd_accountable (
    accountability_id VARCHAR(64)  PRIMARY KEY,
    partnership_id    VARCHAR(40)  NOT NULL,
    subject_type      VARCHAR(20)  NOT NULL,
    subject_ref       VARCHAR(64)  NOT NULL,
    ods_code          VARCHAR(10)  NOT NULL,
    post              VARCHAR(200) NOT NULL,
    person_name       VARCHAR(200)
);
CREATE INDEX cmd_accountable_subject ON cmd_accountable (partnership_id, subject_type, subject_ref);
