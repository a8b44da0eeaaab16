package uk.nhs.stpgov.command.registry;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * An act on record that names a body as a member of its partnership on a business day ({@code on}): the body must
 * have been a member that day (DESIGN §1), so it cannot leave before it. {@code recordId} is the decision,
 * accountability, confidence answer, service change, forum or delegation; {@code reference} a decision's minute
 * reference or a delegation's forum (null otherwise).
 */
public record MemberAct(LocalDate on, Kind kind, String recordId, String reference) {
    /** The earliest first; on one day, in the order of {@link Kind}, then by record. */
    public static final Comparator<MemberAct> FIRST = Comparator.comparing(MemberAct::on)
            .thenComparing(MemberAct::kind).thenComparing(MemberAct::recordId);

    /**
     * How an act names the body. The registry keeps the acts of other aggregates (all but {@link #FORUM_SEAT} and
     * {@link #DELEGATION}, which the partnership holds). {@code passesOnSuccession}: a succession carries it on to the
     * successor (the body holds something, it does not act), so it does not stop the body's succession before its day.
     */
    public enum Kind {
        DECIDED(false), POSITION(false), RATIFIED(false), DECLINED(false), DELEGATION(false), FORUM_SEAT(true),
        HELD(true), PASSED(true), TRANSFERRED(false), ACCEPTED(false), LEAD(false), CONFIDENCE(false);

        private final boolean passesOnSuccession;

        Kind(boolean passesOnSuccession) {
            this.passesOnSuccession = passesOnSuccession;
        }

        public boolean passesOnSuccession() {
            return passesOnSuccession;
        }
    }

    /** "02V is named as a member on 2019-06-01 by decision … (JC/2019/014), as a deciding body". */
    public String names(String odsCode) {
        String decision = "decision " + recordId + (reference == null ? "" : " (" + reference + ")");
        String by = switch (kind) {
            case DECIDED -> decision + ", as a deciding body";
            case POSITION -> decision + ", which records its position";
            case RATIFIED -> "its ratification of " + decision;
            case DECLINED -> "its refusal to ratify " + decision;
            case DELEGATION -> "delegation " + recordId + " to forum " + reference + ", as the delegating body";
            case FORUM_SEAT -> "the terms of forum " + recordId + " from that day, which seat it";
            case HELD -> "accountability " + recordId + ", as its holder from that day";
            case PASSED -> "accountability " + recordId + ", passed to it by a succession that day";
            case TRANSFERRED -> "accountability " + recordId + ", transferred to it that day";
            case ACCEPTED -> "accountability " + recordId + ", which it accepted that day";
            case LEAD -> "service change " + recordId + ", as its lead";
            case CONFIDENCE -> "confidence answer " + recordId + ", as the respondent's organisation";
        };
        return odsCode + " is named as a member on " + on + " by " + by;
    }
}
