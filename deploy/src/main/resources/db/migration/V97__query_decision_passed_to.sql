-- A decision's ratifications passed on by succession, now keyed by the body that passed it: {predecessor: successor}.
-- Keyed by the successor ({successor: predecessor}, succeeded_from) it could hold only one of the bodies that merged
-- into one (CCGs merged in 2020, all CCGs of a system succeeded by one ICB in 2022): the others were shown as still
-- owing a ratification their successor had given. Rows of a single predecessor per successor are turned round here.
ALTER TABLE q_decision RENAME COLUMN succeeded_from TO passed_to;
UPDATE q_decision SET passed_to = (SELECT jsonb_object_agg(value, key) FROM jsonb_each_text(passed_to))
WHERE passed_to <> '{}'::jsonb;
