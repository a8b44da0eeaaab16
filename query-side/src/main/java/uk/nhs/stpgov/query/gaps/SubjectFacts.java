package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.gaps.Gap.SubjectRef;
import uk.nhs.stpgov.query.support.MemberPeriod;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.Objects;

/**
 * Everything the gap rules need to know about one subject of the map: its assignments, the bodies they name, and
 * for a decision or service change its own facts. Plain values, so the rules run without a database.
 *
 * @param needsAccountable the days on which the subject needs an ACCOUNTABLE
 */
public record SubjectFacts(String partnershipId, SubjectRef subject, Needs needsAccountable,
                           List<Assignment> assignments, Map<String, Body> bodies, DecisionFacts decision,
                           ServiceChangeFacts serviceChange) {

    public SubjectFacts {
        assignments = List.copyOf(assignments);
        bodies = Map.copyOf(bodies);
    }

    /**
     * The business days on which the subject exists, so shows on the map and can show gaps: a decision from the day
     * it was taken until the day it was rescinded or superseded, a service change from the day it was proposed until
     * the day it was withdrawn or completed, a theme always.
     */
    public Needs.Period exists() {
        if (decision != null) {
            return new Needs.Period(decision.decidedOn(), decision.endedOn());
        }
        if (serviceChange != null) {
            LocalDate from = serviceChange.proposedOn() != null ? serviceChange.proposedOn() : GapRules.ALWAYS;
            LocalDate until = serviceChange.endedOn();
            // Closed on a day before the one it names as proposed: it was open on no day.
            return new Needs.Period(from, until != null && until.isBefore(from) ? from : until);
        }
        return new Needs.Period(GapRules.ALWAYS, null);
    }

    /**
     * A RACI assignment; relinquished ones are kept only for the date the subject lost its holder. An assignment that
     * changed hands is one fact per holder's period: from {@code heldSince} until {@code heldUntil} (exclusive: the
     * next holder's day; null for the holder now), so a past day is judged on the holder of that day.
     */
    public record Assignment(String id, RaciRole role, String odsCode, String post, String personName,
                             LocalDate effectiveFrom, LocalDate reviewBy, boolean joint, LocalDate heldSince,
                             LocalDate acceptedOn, LocalDate relinquishedOn, LocalDate heldUntil,
                             List<Review> reviews) {
        public Assignment {
            reviews = List.copyOf(reviews);
        }

        /** One holder's period, without reviews. */
        public Assignment(String id, RaciRole role, String odsCode, String post, String personName,
                          LocalDate effectiveFrom, LocalDate reviewBy, boolean joint, LocalDate heldSince,
                          LocalDate acceptedOn, LocalDate relinquishedOn, LocalDate heldUntil) {
            this(id, role, odsCode, post, personName, effectiveFrom, reviewBy, joint, heldSince, acceptedOn,
                    relinquishedOn, heldUntil, List.of());
        }

        /** The holder now (or the only one). */
        public Assignment(String id, RaciRole role, String odsCode, String post, String personName,
                          LocalDate effectiveFrom, LocalDate reviewBy, boolean joint, LocalDate heldSince,
                          LocalDate acceptedOn, LocalDate relinquishedOn) {
            this(id, role, odsCode, post, personName, effectiveFrom, reviewBy, joint, heldSince, acceptedOn,
                    relinquishedOn, null);
        }

        public boolean live() {
            return relinquishedOn == null && heldUntil == null;
        }

        /**
         * Not relinquished by {@code day}, a relinquishment dated ahead taking effect on its own day; and the day is
         * this holder's (the first holder's from any day: before its start the assignment is pending).
         */
        public boolean liveOn(LocalDate day) {
            return (relinquishedOn == null || relinquishedOn.isAfter(day))
                    && (heldUntil == null || day.isBefore(heldUntil))
                    && (!heldSince.isAfter(effectiveFrom) || !heldSince.isAfter(day));
        }

        /** Holding on {@code day}: in effect and not yet relinquished (a future assignment is only pending). */
        public boolean holdsOn(LocalDate day) {
            return liveOn(day) && !effectiveFrom.isAfter(day);
        }

        /** The days on which this assignment, or this holder's period of it, starts or stops holding. */
        public Stream<LocalDate> turningDays() {
            return Stream.of(effectiveFrom, relinquishedOn, heldSince, heldUntil).filter(Objects::nonNull);
        }

        /**
         * The review date in force on {@code day}: the one set when it was assigned until its first review, then the
         * {@code nextReviewBy} of the latest review dated on or before the day (a review clears an overdue review
         * from its own day, not before). {@code reviewBy} is the latest recorded.
         */
        public LocalDate reviewByOn(LocalDate day) {
            return Review.dueOn(reviewBy, reviews, day);
        }

        public boolean acceptedBy(LocalDate day) {
            return acceptedOn != null && !acceptedOn.isAfter(day);
        }

        public String holder() {
            return odsCode + " " + post + (personName == null ? "" : " (" + personName + ")");
        }
    }

    /** A review on its day: the review date it replaced ({@code was}) and the next one (null: none planned). */
    public record Review(LocalDate on, LocalDate was, LocalDate next) {
        /**
         * The review date in force on {@code day}, given the assignment's latest ({@code latest}) and its reviews in
         * the order recorded (a back-loaded review slots in by its day).
         */
        public static LocalDate dueOn(LocalDate latest, List<Review> reviews, LocalDate day) {
            if (reviews.isEmpty()) {
                return latest;
            }
            LocalDate due = reviews.get(0).was();
            for (Review r : reviews.stream().sorted(java.util.Comparator.comparing(Review::on)).toList()) {
                if (!r.on().isAfter(day)) {
                    due = r.next();
                }
            }
            return due;
        }

        /** The latest review dated on or before {@code day}, if any. */
        public static LocalDate lastOn(List<Review> reviews, LocalDate day) {
            return reviews.stream().map(Review::on).filter(on -> !on.isAfter(day)).max(LocalDate::compareTo)
                    .orElse(null);
        }
    }

    /**
     * A member body of the partnership as the record now shows it: {@code joinedOn}, {@code withdrawnOn} and
     * {@code succeededBy} (the body that replaced it on {@code withdrawnOn}; null when it withdrew without a successor,
     * or is still a member) are those of its latest period, {@code periods} every one, oldest first (a body that left
     * and was admitted again has several). A day is judged on the period answering for it ({@link #periodOn}).
     */
    public record Body(String odsCode, String name, boolean statutory, LocalDate joinedOn, LocalDate withdrawnOn,
                       String succeededBy, List<MemberPeriod> periods) {
        public Body {
            periods = periods == null || periods.isEmpty()
                    ? List.of(new MemberPeriod(joinedOn, withdrawnOn, null, succeededBy)) : List.copyOf(periods);
        }

        /** A body with one period of membership. */
        public Body(String odsCode, String name, boolean statutory, LocalDate joinedOn, LocalDate withdrawnOn,
                    String succeededBy) {
            this(odsCode, name, statutory, joinedOn, withdrawnOn, succeededBy, List.of());
        }

        public Body(String odsCode, String name, boolean statutory, LocalDate joinedOn, LocalDate withdrawnOn) {
            this(odsCode, name, statutory, joinedOn, withdrawnOn, null);
        }

        /** A body with these periods (oldest first), the latest in its own fields. */
        public static Body of(String odsCode, String name, boolean statutory, List<MemberPeriod> periods) {
            MemberPeriod latest = periods.get(periods.size() - 1);
            return new Body(odsCode, name, statutory, latest.joinedOn(), latest.withdrawnOn(), latest.succeededBy(),
                    periods);
        }

        /** The period answering for {@code day}: the latest begun by then (between two, the one that ended). */
        public MemberPeriod periodOn(LocalDate day) {
            return MemberPeriod.on(periods, day);
        }

        /** Left without a successor by {@code day}: what it held has nobody to pass to. */
        public boolean leftWithoutSuccessorBy(LocalDate day) {
            return periodOn(day).succeededBy() == null && leftBy(day);
        }

        /**
         * Gone by {@code day}: the leaving day (its last day as a member, DESIGN §1) of the period answering for it is
         * before it (a body admitted again is back from its new joining day).
         */
        public boolean leftBy(LocalDate day) {
            LocalDate left = periodOn(day).withdrawnOn();
            return left != null && left.isBefore(day);
        }

        /** The first day it is no longer a member by its latest period (null while it is one). */
        public LocalDate goneFrom() {
            return withdrawnOn == null ? null : withdrawnOn.plusDays(1);
        }

        /** A member that day: one of its periods covers it (its leaving day, if any, is its last). */
        public boolean memberOn(LocalDate day) {
            return MemberPeriod.anyCovers(periods, day);
        }

        /** The period it was succeeded in (the latest such), if any: what it owed passed to its successor then. */
        public java.util.Optional<MemberPeriod> succession() {
            return periods.stream().filter(p -> p.succeededBy() != null).reduce((a, b) -> b);
        }

        /**
         * The days on which it stops or starts again being a member without a successor: each leaving without one
         * (the day after) and the joining day of the period after it.
         */
        public Stream<LocalDate> leavingDays() {
            List<LocalDate> days = new java.util.ArrayList<>();
            for (int i = 0; i < periods.size(); i++) {
                MemberPeriod p = periods.get(i);
                if (p.withdrawnOn() != null && p.succeededBy() == null) {
                    days.add(p.goneFrom());
                    if (i + 1 < periods.size()) {
                        days.add(periods.get(i + 1).joinedOn());
                    }
                }
            }
            return days.stream();
        }
    }

    /** One assessment of an assurance test of the decision's service change, from the day it was assessed on. */
    public record Assessment(AssuranceTest test, AssuranceResult result, LocalDate on) {
    }

    /**
     * @param assessments the service change's assurance test results, in the order recorded
     * @param statusOn    the day it was rescinded or superseded (null while active)
     */
    public record DecisionFacts(ThemeCode theme, DecisionOutcome outcome, DecisionStatus status, LocalDate decidedOn,
                                List<String> decidingOdsCodes, String forumId, String forumName,
                                List<DelegationFacts> forumDelegations, Map<String, LocalDate> ratifiedOn,
                                List<Assessment> assessments, Map<String, LocalDate> declinedOn,
                                LocalDate statusOn) {
        public DecisionFacts {
            decidingOdsCodes = List.copyOf(decidingOdsCodes);
            forumDelegations = List.copyOf(forumDelegations);
            ratifiedOn = Map.copyOf(ratifiedOn);
            assessments = List.copyOf(assessments);
            declinedOn = Map.copyOf(declinedOn);
        }

        /** A decision no body declined to ratify, whose tests {@code assuranceNotMet} are NOT_MET on any day. */
        public DecisionFacts(ThemeCode theme, DecisionOutcome outcome, DecisionStatus status, LocalDate decidedOn,
                             List<String> decidingOdsCodes, String forumId, String forumName,
                             List<DelegationFacts> forumDelegations, Map<String, LocalDate> ratifiedOn,
                             Set<AssuranceTest> assuranceNotMet) {
            this(theme, outcome, status, decidedOn, decidingOdsCodes, forumId, forumName, forumDelegations,
                    ratifiedOn, assuranceNotMet.stream().map(t -> new Assessment(t, AssuranceResult.NOT_MET,
                            GapRules.ALWAYS)).toList(), Map.of(), null);
        }

        /**
         * The first day it no longer stands (rescinded or superseded that day), null while active. A status with no
         * day stands on no day.
         */
        public LocalDate endedOn() {
            return status == DecisionStatus.ACTIVE ? null : statusOn == null ? decidedOn : statusOn;
        }

        /**
         * Each test's result in force on {@code day}, when NOT_MET, with the day it was assessed on: the latest
         * assessed on or before the day (of the same day, the one recorded last).
         */
        public Map<AssuranceTest, LocalDate> notMetOn(LocalDate day) {
            Map<AssuranceTest, Assessment> inForce = new java.util.EnumMap<>(AssuranceTest.class);
            for (Assessment a : assessments) {
                Assessment before = inForce.get(a.test());
                if (!a.on().isAfter(day) && (before == null || !a.on().isBefore(before.on()))) {
                    inForce.put(a.test(), a);
                }
            }
            Map<AssuranceTest, LocalDate> notMet = new java.util.EnumMap<>(AssuranceTest.class);
            inForce.forEach((test, a) -> {
                if (a.result() == AssuranceResult.NOT_MET) {
                    notMet.put(test, a.on());
                }
            });
            return notMet;
        }

        /** A deciding body bound by delegation: it had delegated the decision's theme to the forum on decidedOn. */
        public boolean boundByDelegation(String odsCode) {
            return forumId != null && forumDelegations.stream().anyMatch(d -> d.fromOdsCode().equals(odsCode)
                    && d.themes().contains(theme) && d.inForceOn(decidedOn));
        }
    }

    /** A delegation to the decision's forum. */
    public record DelegationFacts(String fromOdsCode, Set<ThemeCode> themes, LocalDate effectiveFrom,
                                  LocalDate effectiveTo, LocalDate revokedOn) {
        public boolean inForceOn(LocalDate day) {
            return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day))
                    && (revokedOn == null || revokedOn.isAfter(day));
        }
    }

    /**
     * @param stage      its stage now
     * @param proposedOn the business day it was proposed on (null: unknown, as if always)
     * @param closedOn   the business day it was withdrawn or completed on (null while open): the day the move was
     *                   recorded, in the business zone, as {@code /api/service-changes/{sid}?on=} dates a stage move.
     *                   Closed stages are final, so a change is open on every day before it and on none after.
     */
    public record ServiceChangeFacts(Stage stage, String leadOdsCode, LocalDate proposedOn, LocalDate closedOn) {

        /** The first day it is no longer open, null while open. A closed stage with no day is closed on every day. */
        public LocalDate endedOn() {
            return stage.isOpen() ? null : closedOn != null ? closedOn : GapRules.ALWAYS;
        }

        /** The days it needs an ACCOUNTABLE: while it is open, from its proposal until the day it was closed. */
        public Needs needsAccountable() {
            return Needs.between(proposedOn, endedOn());
        }

        /** Open on {@code day}: not yet withdrawn or completed that day. */
        public boolean openOn(LocalDate day) {
            LocalDate ended = endedOn();
            return ended == null || day.isBefore(ended);
        }
    }

    /** The same subject with only these assignments (a part of the facts a rule judges alone). */
    public SubjectFacts withAssignments(List<Assignment> only) {
        return new SubjectFacts(partnershipId, subject, needsAccountable, only, bodies, decision, serviceChange);
    }

    /** One facts per assignment, for rules that judge each assignment on its own. */
    public Stream<SubjectFacts> eachAssignment() {
        return assignments.stream().map(a -> withAssignments(List.of(a)));
    }

    /** Only the ACCOUNTABLE assignments, for the rules about who is ACCOUNTABLE. */
    public SubjectFacts accountableOnly() {
        return withAssignments(assignments.stream().filter(a -> a.role() == RaciRole.ACCOUNTABLE).toList());
    }

    public List<Assignment> accountableOn(LocalDate day) {
        return assignments.stream().filter(a -> a.role() == RaciRole.ACCOUNTABLE && a.holdsOn(day)).toList();
    }

    public String describe() {
        return switch (subject.type()) {
            case "THEME" -> "theme " + subject.ref() + " (" + subject.title() + ")";
            case "SERVICE_CHANGE" -> "service change '" + subject.title() + "'";
            default -> "decision '" + subject.title() + "'";
        };
    }
}
