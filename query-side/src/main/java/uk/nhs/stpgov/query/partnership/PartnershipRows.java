package uk.nhs.stpgov.query.partnership;

import uk.nhs.stpgov.query.support.MemberPeriod;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The rows of the partnership read model ({@code q_partnership}, {@code q_member}, {@code q_forum},
 * {@code q_delegation}, and the histories {@code q_partnership_status} and {@code q_forum_terms}).
 */
public final class PartnershipRows {
    private PartnershipRows() {
    }

    /** {@code status} STP, ICS or STATUTORY_ICS from {@code statusOn} (null: as registered). */
    public record Partnership(String id, String name, String region, Instant registeredAt, String status,
                              LocalDate statusOn) {
    }

    /**
     * {@code withdrawnOn}: the day it withdrew or was succeeded by {@code succeededBy}, its last day as a member. The
     * fields are those of one period of its membership ({@link #on}: the one answering for a day; as read, the
     * latest); {@code periods} every one, oldest first (a body that left and was admitted again has several).
     */
    public record Member(String odsCode, String name, String sector, boolean statutory, LocalDate joinedOn,
                         LocalDate withdrawnOn, String withdrawReason, String succeededBy,
                         List<MemberPeriod> periods) {
        public Member {
            periods = periods == null || periods.isEmpty()
                    ? List.of(new MemberPeriod(joinedOn, withdrawnOn, withdrawReason, succeededBy))
                    : List.copyOf(periods);
        }

        /**
         * A member on {@code day}: one of its periods covers it (joined on or before it and not left before it). The
         * leaving day itself counts, as the command side judges acts (a body may decide on the day it withdraws; on a
         * succession day both the predecessor and its successor are members).
         */
        public boolean memberOn(LocalDate day) {
            return MemberPeriod.anyCovers(periods, day);
        }

        /**
         * Gone by {@code day}: it had joined by then and is no member that day (it withdrew or was succeeded before
         * it). Not a body that has yet to join: terms recorded without a date seat their members from any day.
         */
        public boolean leftBy(LocalDate day) {
            return !memberOn(day) && periods.stream().anyMatch(p -> !p.joinedOn().isAfter(day));
        }

        /** The member as it stood on {@code day}: the fields of the period answering for it (MemberPeriod#on). */
        public Member on(LocalDate day) {
            MemberPeriod p = MemberPeriod.on(periods, day);
            return new Member(odsCode, name, sector, statutory, p.joinedOn(), p.withdrawnOn(), p.withdrawReason(),
                    p.succeededBy(), periods);
        }
    }

    /** {@code termsOn}: the day its members and remit apply from (null: since it was established). */
    public record Forum(String id, String name, String kind, List<String> memberOdsCodes, List<String> themes,
                        Instant recordedAt, LocalDate termsOn) {
    }

    public record Delegation(String id, String forumId, String fromOdsCode, List<String> themes,
                             LocalDate effectiveFrom, LocalDate effectiveTo, LocalDate revokedOn, String revokeReason,
                             String succeededFrom, String previousDelegationId) {
        /**
         * In force on {@code day}: started, not ended, not revoked, and its body ({@code from}, null if unknown) not
         * gone by then: a body that has left delegates no longer, whether or not the delegation was revoked.
         */
        public boolean inForceOn(LocalDate day, Member from) {
            return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day))
                    && (revokedOn == null || revokedOn.isAfter(day)) && (from == null || !from.leftBy(day));
        }
    }

    /**
     * A row of {@code q_partnership_status}: the registration (STP, the registered name, {@code on} null) or a change
     * of status from {@code on}, with the new name or null when the name is unchanged.
     */
    public record StatusChange(String status, String name, LocalDate on) {
    }

    /**
     * A row of {@code q_forum_terms}: a forum's establishment terms ({@code on} its establishedOn, null when that was
     * not recorded) or a change of its members and remit from {@code on}.
     */
    public record ForumTerms(String forumId, List<String> memberOdsCodes, List<String> themes, LocalDate on) {
    }
}
