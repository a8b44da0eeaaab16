-- When the database inserted each event, by its own clock, so that the audit trail can tell a gap in the global
-- index that a running transaction may still fill from one that stays (README, Audit trail). Added without a
-- default first, so the million rows already stored are not rewritten; theirs stays NULL (long settled).
-- clock_timestamp(), not now(): a long transaction's rows carry the time of each insert, not of its start.

ALTER TABLE domainevententry ADD COLUMN inserted_at TIMESTAMPTZ;
ALTER TABLE domainevententry ALTER COLUMN inserted_at SET DEFAULT clock_timestamp();
