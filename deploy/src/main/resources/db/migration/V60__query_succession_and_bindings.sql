-- Issue 11, query side: what the new events add to the read models.
-- A member replaced by a successor (MemberSucceeded): the predecessor's last version carries succeeded_by.
ALTER TABLE q_member ADD COLUMN succeeded_by VARCHAR(10);
-- The partnership's status (STP, ICS, STATUTORY_ICS) and the day it took effect.
ALTER TABLE q_partnership ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'STP';
ALTER TABLE q_partnership ADD COLUMN status_on DATE;
-- Decisions: the forum's own minute reference, how each body stood, and which deciding bodies took a
-- predecessor's place ({successor: predecessor}).
ALTER TABLE q_decision ADD COLUMN reference VARCHAR(64);
ALTER TABLE q_decision ADD COLUMN positions JSONB NOT NULL DEFAULT '[]';
ALTER TABLE q_decision ADD COLUMN succeeded_from JSONB NOT NULL DEFAULT '{}';
-- A ratification row is also a refusal (declined, with reason); ratified_on is then the day it was declined.
ALTER TABLE q_ratification ADD COLUMN declined BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE q_ratification ADD COLUMN reason TEXT;
-- Accountability: the former holder when the assignment passed by succession, and the last review.
ALTER TABLE q_accountability ADD COLUMN succeeded_from VARCHAR(10);
ALTER TABLE q_accountability ADD COLUMN reviewed_on DATE;
-- Forum terms change from a day (ForumTermsChanged): the row holds the latest terms and the day they apply from.
ALTER TABLE q_forum ADD COLUMN terms_on DATE;
-- A delegation carried over by a succession names its predecessor body and the delegation it replaces.
ALTER TABLE q_delegation ADD COLUMN succeeded_from VARCHAR(10);
ALTER TABLE q_delegation ADD COLUMN previous_delegation_id VARCHAR(64);
-- Service changes: substantial (needs formal consultation); assurance tests with their business day and assessor.
ALTER TABLE q_service_change ADD COLUMN substantial BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE q_assurance_test ADD COLUMN assessed_on DATE;
ALTER TABLE q_assurance_test ADD COLUMN assessor VARCHAR(200);
-- Who held an assignment before each transfer, and until which day ([{odsCode, post, personName, from, until,
-- acceptedOn, succeededFrom}]): a transfer dated ahead, or one back-loaded, changes the holder only from its day.
ALTER TABLE q_accountability ADD COLUMN former_holders JSONB NOT NULL DEFAULT '[]';
