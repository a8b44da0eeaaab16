-- Which deciding body a successor owes a ratification for: a body succeeded after a decision was back-loaded may
-- still answer it with a date before its succession, and then its successor owes nothing (state ANSWERED).
-- Rows written before this version have no lineage: their predecessors could not answer after passing it on.
ALTER TABLE cmd_decision_body ADD COLUMN succeeded_from VARCHAR(10);
COMMENT ON COLUMN cmd_decision_body.state IS
    'PENDING, RATIFIED, DECLINED, SUCCEEDED (passed to a successor) or ANSWERED (its predecessor answered first)';
