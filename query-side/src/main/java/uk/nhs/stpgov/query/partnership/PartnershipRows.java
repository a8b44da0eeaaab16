package uk.nhs.stpgov.query.partnership;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The rows of the partnership read model ({@code q_partnership}, {@code q_member}, {@code q_forum}, {@code q_delegation}). */
public final class PartnershipRows {
    private PartnershipRows() {
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
}
