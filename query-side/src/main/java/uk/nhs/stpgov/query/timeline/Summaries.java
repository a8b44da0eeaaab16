package uk.nhs.stpgov.query.timeline;

import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityReviewed;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;
import uk.nhs.stpgov.events.assessment.ConfidenceRecorded;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;
import uk.nhs.stpgov.events.decision.DecisionRatificationDeclined;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.ForumTermsChanged;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;
import uk.nhs.stpgov.events.partnership.PartnershipStatusChanged;
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;

/** One line, in words a programme office uses, for each kind of event. */
final class Summaries {
    private Summaries() {
    }

    static String of(GovernanceEvent event) {
        return of(event, null);
    }

    /** {@code title}: the title of the service change an assurance test or stage move belongs to. */
    static String of(GovernanceEvent event, String title) {
        if (event instanceof PartnershipRegistered e) {
            return "Partnership " + e.name() + " (" + e.region() + ") registered";
        } else if (event instanceof MemberAdmitted e) {
            return e.name() + " (" + e.odsCode() + ") joined on " + e.joinedOn()
                    + (e.statutory() ? " as a statutory member" : "");
        } else if (event instanceof MemberWithdrew e) {
            return e.odsCode() + " withdrew on " + e.on() + ": " + e.reason();
        } else if (event instanceof ForumEstablished e) {
            return e.kind() + " " + e.name() + " established with " + e.memberOdsCodes() + ", remit " + e.themes();
        } else if (event instanceof AuthorityDelegated e) {
            return e.fromOdsCode() + " delegated " + e.themes() + " to forum " + e.forumId() + " from "
                    + e.effectiveFrom() + (e.effectiveTo() == null ? "" : " to " + e.effectiveTo());
        } else if (event instanceof DelegationRevoked e) {
            return "Delegation " + e.delegationId() + " revoked on " + e.on() + ": " + e.reason();
        } else if (event instanceof ServiceChangeProposed e) {
            return e.kind() + " proposed: " + e.title() + ", led by " + e.leadOdsCode();
        } else if (event instanceof AssuranceTestRecorded e) {
            // V104 rewrote the rows written before the change was named, so keep these two shapes in step with it.
            return "Assurance test of " + named(title, e.serviceChangeId()) + ": " + e.test() + " " + e.result()
                    + (e.assessedOn() == null ? "" : " (assessed " + e.assessedOn() + ")");
        } else if (event instanceof ServiceChangeAdvanced e) {
            return "Service change " + named(title, e.serviceChangeId()) + " moved from " + e.from() + " to " + e.to()
                    + (e.note() == null || e.note().isBlank() ? "" : ": " + e.note());
        } else if (event instanceof DecisionRecorded e) {
            return e.outcome() + ": " + e.title() + " (" + e.theme() + ", decided " + e.decidedOn() + ")";
        } else if (event instanceof DecisionRatified e) {
            return e.odsCode() + " ratified the decision on " + e.ratifiedOn();
        } else if (event instanceof DecisionSuperseded e) {
            return "Decision superseded by " + e.supersededBy();
        } else if (event instanceof DecisionRescinded e) {
            return "Decision rescinded on " + e.on() + ": " + e.reason();
        } else if (event instanceof AccountabilityAssigned e) {
            return e.role() + " for " + e.subject() + " assigned to " + e.odsCode() + " " + e.post()
                    + (e.personName() == null ? "" : " (" + e.personName() + ")") + (e.joint() ? ", jointly" : "");
        } else if (event instanceof AccountabilityAccepted e) {
            return e.odsCode() + " accepted accountability for " + e.subject() + " on " + e.on();
        } else if (event instanceof AccountabilityRelinquished e) {
            return e.odsCode() + " relinquished " + e.role() + " for " + e.subject() + " on " + e.on();
        } else if (event instanceof AccountabilityTransferred e) {
            return e.role() + " for " + e.subject() + " transferred from " + e.fromOdsCode() + " to " + e.odsCode()
                    + " " + e.post() + " on " + e.on();
        } else if (event instanceof AccountabilityReviewed e) {
            return e.odsCode() + " reviewed accountability for " + e.subject() + " on " + e.on()
                    + (e.nextReviewBy() == null ? "" : ", next review by " + e.nextReviewBy());
        } else if (event instanceof MemberSucceeded e) {
            return e.odsCode() + " succeeded by " + e.successorName() + " (" + e.successorOdsCode() + ") on " + e.on()
                    + ": " + e.reason();
        } else if (event instanceof ForumTermsChanged e) {
            return "Forum " + e.forumId() + " terms from " + e.on() + ": members " + e.memberOdsCodes() + ", remit "
                    + e.themes() + (e.succeededFrom() == null ? "" : " (the seat of " + e.succeededFrom()
                    + " passed on its succession)");
        } else if (event instanceof PartnershipStatusChanged e) {
            return "Became " + e.status() + " on " + e.on() + (e.name() == null ? "" : " as " + e.name());
        } else if (event instanceof DecisionRatificationDeclined e) {
            return e.odsCode() + " declined to ratify the decision on " + e.on() + ": " + e.reason();
        } else if (event instanceof DecisionRatifierSucceeded e) {
            return "The ratification owed by " + e.succeededFrom() + " passed to " + e.odsCode() + " on " + e.on();
        } else if (event instanceof ThemeAssessed e) {
            return e.theme() + " self-assessed as " + e.rating() + " on " + e.assessedOn();
        } else if (event instanceof ConfidenceRecorded e) {
            return e.respondentRole() + " confidence " + e.level();
        }
        return event.getClass().getSimpleName();
    }

    private static String named(String title, String id) {
        return title == null ? id : title;
    }
}
