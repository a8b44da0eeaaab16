package uk.nhs.stpgov.query.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import uk.nhs.stpgov.events.Stage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the projections hold, as read for one instant. */
public final class Rows {
    private Rows() {
    }

    /** {@code status} STP, ICS or STATUTORY_ICS from {@code statusOn} (null: as registered). */
    public record Partnership(String id, String name, String region, Instant registeredAt, String status,
                              LocalDate statusOn) {
    }

    public record Member(String odsCode, String name, String sector, boolean statutory, LocalDate joinedOn,
                         LocalDate withdrawnOn, String withdrawReason, String succeededBy) {
        @JsonProperty("current")
        public boolean current() {
            return withdrawnOn == null;
        }
    }

    /** {@code termsOn}: the day the current members and remit apply from (null: since it was established). */
    public record Forum(String id, String name, String kind, List<String> memberOdsCodes, List<String> themes,
                        Instant recordedAt, LocalDate termsOn) {
    }

    public record Delegation(String id, String forumId, String fromOdsCode, List<String> themes,
                             LocalDate effectiveFrom, LocalDate effectiveTo, LocalDate revokedOn, String revokeReason,
                             String succeededFrom, String previousDelegationId) {
        /** In force on {@code day}: started, not ended, not revoked. */
        public boolean inForceOn(LocalDate day) {
            return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day))
                    && (revokedOn == null || revokedOn.isAfter(day));
        }
    }

    public record ServiceChange(String id, String partnershipId, String title, String kind, List<String> themes,
                                String leadOdsCode, String description, String stage, Instant proposedAt,
                                boolean substantial) {
        public boolean open() {
            return Stage.valueOf(stage).isOpen();
        }
    }

    public record Decision(String id, String partnershipId, String title, String theme, String forumId,
                           String serviceChangeId, List<String> decidingOdsCodes, String outcome, String rationale,
                           LocalDate decidedOn, String supersedes, String supersededBy, String status,
                           LocalDate statusOn, String statusReason, Instant recordedAt) {
    }

    public record Ratification(String decisionId, String odsCode, LocalDate ratifiedOn) {
    }

    public record Accountability(String id, String partnershipId, String subjectType, String subjectRef,
                                 List<String> themes, String role, String odsCode, String post, String personName,
                                 LocalDate effectiveFrom, LocalDate reviewBy, boolean joint, LocalDate heldSince,
                                 LocalDate acceptedOn, LocalDate relinquishedOn, String succeededFrom,
                                 LocalDate reviewedOn) {
        public boolean relinquished() {
            return relinquishedOn != null;
        }

        /** Holding on {@code day}: not relinquished and already in effect (a future assignment is only pending). */
        public boolean holdsOn(LocalDate day) {
            return !relinquished() && !effectiveFrom.isAfter(day);
        }

        public boolean pendingOn(LocalDate day) {
            return !relinquished() && effectiveFrom.isAfter(day);
        }
    }
}
