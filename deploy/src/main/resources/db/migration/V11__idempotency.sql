-- First answers to POSTs that carried an Idempotency-Key, per user (DESIGN §4). A row with no status is a request
-- still being executed; its repeats are refused with 409 until it finishes.

CREATE TABLE idempotent_request (
    username        VARCHAR(200)  NOT NULL,
    idempotency_key VARCHAR(200)  NOT NULL,
    request_hash    CHAR(64)      NOT NULL,
    started_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    status          INTEGER,
    location        VARCHAR(2000),
    content_type    VARCHAR(200),
    body            BYTEA,
    PRIMARY KEY (username, idempotency_key)
);
