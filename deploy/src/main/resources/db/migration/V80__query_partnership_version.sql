-- A counter per partnership that the projections raise in the transaction of every batch that touches the
-- partnership's read models (and for every partnership when they are reset). Query answers are cached under it: an
-- answer read at version N is the answer for as long as the counter stays at N. No row yet reads as version 0.
CREATE TABLE q_partnership_version (
    partnership_id TEXT PRIMARY KEY,
    version        BIGINT NOT NULL
);
