-- A rebuild asked for on one instance (Replays): while the row is there, the other instances release their projection
-- segments (SegmentBalancer), so that the asking instance can claim every segment and reset the tokens.

CREATE TABLE rebuild_request (
    processor_name VARCHAR(255) PRIMARY KEY,
    requested_by   VARCHAR(200) NOT NULL,
    requested_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
