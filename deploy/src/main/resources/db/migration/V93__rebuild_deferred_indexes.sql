-- Indexes of the read models that only queries read (as-of, pages, history). A rebuild drops them while it fills the
-- tables and builds them again, in bulk, once it has caught up (DeferredIndexes): kept up row by row through a
-- replay they cost a fifth of its time (benchmarks/RESULTS.md). The comment marks them; the indexes the projections'
-- own batches look rows up by (open versions, keys) stay. A migration that later changes a marked index must allow
-- for it being absent during a rebuild (IF EXISTS) and for its row in rebuild_deferred_index.

-- built: the index is there again; the row goes once its table has been analysed (the planner's statistics of the
-- indexes' expressions), and until every row has gone the rebuild is not done.
CREATE TABLE rebuild_deferred_index (
    name       VARCHAR(200) PRIMARY KEY,
    definition TEXT         NOT NULL,
    built      BOOLEAN      NOT NULL DEFAULT false
);

COMMENT ON INDEX q_accountability_history IS 'stpgov: queries only';
COMMENT ON INDEX q_decision_history IS 'stpgov: queries only';
COMMENT ON INDEX q_decision_partnership_history IS 'stpgov: queries only';
COMMENT ON INDEX q_decision_page IS 'stpgov: queries only';
COMMENT ON INDEX q_delegation_history IS 'stpgov: queries only';
COMMENT ON INDEX q_member_history IS 'stpgov: queries only';
COMMENT ON INDEX q_service_change_history IS 'stpgov: queries only';
COMMENT ON INDEX q_map_subject_as_of IS 'stpgov: queries only';
COMMENT ON INDEX q_map_subject_gap_page IS 'stpgov: queries only';
COMMENT ON INDEX q_map_subject_page IS 'stpgov: queries only';
COMMENT ON INDEX q_map_count_change_day IS 'stpgov: queries only';
COMMENT ON INDEX q_ratification_partnership IS 'stpgov: queries only';
COMMENT ON INDEX q_timeline_page IS 'stpgov: queries only';

-- A prefix of q_timeline_page (partnership_id, recorded_at, aggregate_id, seq), which serves every query it served.
DROP INDEX IF EXISTS q_timeline_partnership;
