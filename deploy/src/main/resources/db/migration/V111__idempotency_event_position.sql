-- The X-Event-Position of an Idempotency-Key's first answer, so that a repeat answers it too and a client that
-- retried after a lost answer can still read its own write (?minPosition=). Rows kept before have none.

ALTER TABLE idempotent_request ADD COLUMN event_position BIGINT;
