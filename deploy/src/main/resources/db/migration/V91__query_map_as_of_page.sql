-- The map as of an earlier instant is read a page at a time in sort_key order: this index walks a partnership's
-- versions in that order and bounds both ends of validity inside the index (valid_from <= t < valid_to, an open
-- version's end read as infinity), so a page stops after its own rows instead of collecting and sorting every version
-- valid then. It replaces the GiST index over the validity range, which found those versions but not in page order.
CREATE INDEX q_map_subject_as_of ON q_map_subject
    (partnership_id, sort_key, valid_from, (coalesce(valid_to, 'infinity'::timestamptz)));
DROP INDEX q_map_subject_history;
