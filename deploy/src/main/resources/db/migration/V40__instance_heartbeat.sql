-- Instances alive on this database (SegmentBalancer): each writes its row every few seconds, so every instance
-- knows how many share the projection segments, including those that hold none yet.

CREATE TABLE instance_heartbeat (
    node_id VARCHAR(200) PRIMARY KEY,
    seen_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
