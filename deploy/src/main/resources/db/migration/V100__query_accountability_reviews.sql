-- Each review of an assignment with its day, the review date it replaced and the next one: a day before a review is
-- judged on the review date then in force (a review dated 2019-07-01 cleared, on every day, the review overdue since
-- 2019-06-02, and an assignment asked about on a day before it showed the review and its next date).
ALTER TABLE q_accountability ADD COLUMN reviews JSONB NOT NULL DEFAULT '[]';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM q_accountability WHERE reviewed_on IS NOT NULL) THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
