-- A partnership's ratifications are read with its map and decision history: index them by partnership instead of
-- joining every decision (the benchmark's EXPLAIN showed a full scan of q_ratification per map).
ALTER TABLE q_ratification ADD COLUMN partnership_id VARCHAR(40);
UPDATE q_ratification r SET partnership_id = d.partnership_id
FROM q_decision d WHERE d.decision_id = r.decision_id AND d.seq = 0;
ALTER TABLE q_ratification ALTER COLUMN partnership_id SET NOT NULL;
CREATE INDEX q_ratification_partnership ON q_ratification (partnership_id, recorded_at);
