-- A partnership's accountabilities are listed a keyset page at a time in the order subject (type, ref), role,
-- effectiveFrom, id. Now, the open versions are walked through q_accountability_open_subject (V20) in subject order;
-- as of an earlier instant, this index walks a partnership's versions in page order and bounds both ends of validity
-- inside it (valid_from <= t < valid_to, an open version's end read as infinity), as q_map_subject_as_of (V91) does
-- for the map, so a page stops after its own rows instead of collecting and sorting every version valid then. Only
-- queries read it: a rebuild drops it and builds it again at the end (V93).
CREATE INDEX q_accountability_as_of ON q_accountability
    (partnership_id, subject_type, subject_ref, role, effective_from, accountability_id, valid_from,
     (coalesce(valid_to, 'infinity'::timestamptz)));
COMMENT ON INDEX q_accountability_as_of IS 'stpgov: queries only';
