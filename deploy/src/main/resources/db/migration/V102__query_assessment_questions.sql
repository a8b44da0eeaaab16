-- The read side shows what each self-assessment answer and confidence record meant (DESIGN §1): each answer with its
-- question's text as asked, and the confidence question with the respondent's organisation. The events kept them; the
-- read models did not. Filled from the stored events by a rebuild, where there is any assessment or confidence.
ALTER TABLE q_theme_assessment ADD COLUMN questions JSONB NOT NULL DEFAULT '[]';
ALTER TABLE q_confidence ADD COLUMN question TEXT, ADD COLUMN respondent_ods_code VARCHAR(10);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM q_theme_assessment) OR EXISTS (SELECT 1 FROM q_confidence) THEN
        PERFORM stpgov_rebuild_read_models();
    END IF;
END $$;
