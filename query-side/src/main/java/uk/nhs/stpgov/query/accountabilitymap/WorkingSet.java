package uk.nhs.stpgov.query.accountabilitymap;

import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.FormerHolder;
import uk.nhs.stpgov.query.gaps.SubjectFacts;
import uk.nhs.stpgov.query.gaps.Needs;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DelegationFacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the map reads of the other read models, kept in memory for one processor batch: loaded from the database
 * (the state before the batch, as their writes are deferred to its end) the first time the batch needs it, then
 * changed by each event the way the other projections' statements change their rows, {@code seq} guards included.
 * So the map sees, for every event, the rows as they are after that event, without a round trip.
 */
final class WorkingSet {
    /** A decision's current version, with the answers of its deciding bodies. */
    static final class DecisionState {
        final String partnershipId;
        final String title;
        final ThemeCode theme;
        final String forumId;
        final String serviceChangeId;
        final List<String> deciding;
        final DecisionOutcome outcome;
        final LocalDate decidedOn;
        final Instant recordedAt;
        DecisionStatus status;
        /** The day it was rescinded or superseded (null while active). */
        LocalDate statusOn;
        long seq;
        /** Deciding body → the successor its ratification passed to (several may pass to one). */
        final Map<String, String> passedTo;
        /** Body → its latest answer (ratified or declined). */
        final Map<String, Answer> answers;

        DecisionState(String partnershipId, String title, ThemeCode theme, String forumId, String serviceChangeId,
                      List<String> deciding, DecisionOutcome outcome, LocalDate decidedOn, Instant recordedAt,
                      DecisionStatus status, LocalDate statusOn, long seq, Map<String, String> passedTo,
                      Map<String, Answer> answers) {
            this.partnershipId = partnershipId;
            this.title = title;
            this.theme = theme;
            this.forumId = forumId;
            this.serviceChangeId = serviceChangeId;
            this.deciding = deciding;
            this.outcome = outcome;
            this.decidedOn = decidedOn;
            this.recordedAt = recordedAt;
            this.status = status;
            this.statusOn = statusOn;
            this.seq = seq;
            this.passedTo = new LinkedHashMap<>(passedTo);
            this.answers = new HashMap<>(answers);
        }

        /** As q_ratification's upsert: a later answer replaces an earlier one, a redelivered one changes nothing. */
        void answer(String odsCode, LocalDate on, boolean declined, long answerSeq) {
            Answer before = answers.get(odsCode);
            if (before == null || before.seq() < answerSeq) {
                answers.put(odsCode, new Answer(on, declined, answerSeq));
            }
        }
    }

    record Answer(LocalDate on, boolean declined, long seq) {
    }

    /** A service change's current version. */
    static final class ServiceChangeState {
        final String title;
        final List<String> themes;
        final String leadOdsCode;
        final Instant proposedAt;
        /** The business day it was proposed on (the day recorded, when the proposal named none). */
        final LocalDate proposedOn;
        Stage stage;
        /** The business day it was withdrawn or completed on (null while open). */
        LocalDate closedOn;
        long seq;

        ServiceChangeState(String title, List<String> themes, String leadOdsCode, Instant proposedAt,
                           LocalDate proposedOn, Stage stage, LocalDate closedOn, long seq) {
            this.title = title;
            this.themes = themes;
            this.leadOdsCode = leadOdsCode;
            this.proposedAt = proposedAt;
            this.proposedOn = proposedOn;
            this.stage = stage;
            this.closedOn = closedOn;
            this.seq = seq;
        }
    }

    /** One assessment of a service change's assurance test: its result from the day it was assessed on. */
    record TestResult(AssuranceTest test, AssuranceResult result, LocalDate on, long seq) {
    }

    /** An accountability's current version, as the map reads it. */
    static final class AccountabilityState {
        final String id;
        final RaciRole role;
        final LocalDate effectiveFrom;
        final boolean joint;
        String odsCode;
        String post;
        String personName;
        LocalDate reviewBy;
        LocalDate heldSince;
        LocalDate acceptedOn;
        LocalDate relinquishedOn;
        String succeededFrom;
        final List<FormerHolder> former;
        final List<SubjectFacts.Review> reviews;
        long seq;

        AccountabilityState(String id, RaciRole role, String odsCode, String post, String personName,
                            LocalDate effectiveFrom, LocalDate reviewBy, boolean joint, LocalDate heldSince,
                            LocalDate acceptedOn, LocalDate relinquishedOn, String succeededFrom,
                            List<FormerHolder> former, List<SubjectFacts.Review> reviews, long seq) {
            this.id = id;
            this.role = role;
            this.odsCode = odsCode;
            this.post = post;
            this.personName = personName;
            this.effectiveFrom = effectiveFrom;
            this.reviewBy = reviewBy;
            this.joint = joint;
            this.heldSince = heldSince;
            this.acceptedOn = acceptedOn;
            this.relinquishedOn = relinquishedOn;
            this.succeededFrom = succeededFrom;
            this.former = new ArrayList<>(former);
            this.reviews = new ArrayList<>(reviews);
            this.seq = seq;
        }

        Assignment assignment() {
            return new Assignment(id, role, odsCode, post, personName, effectiveFrom, reviewBy, joint, heldSince,
                    acceptedOn, relinquishedOn, null, reviews);
        }
    }

    /**
     * A forum's remit from a business day: its establishment (a day not recorded counts from the day it was recorded)
     * or a change of its terms. The terms in force on a day are the forum's latest from that day or before.
     */
    record ForumTerms(String forumId, Set<String> themes, LocalDate from, long seq) {
    }

    /** The days on which the theme is in some forum's remit, from each forum's terms. */
    static Needs remit(List<ForumTerms> terms, String theme) {
        List<Needs.Period> periods = new ArrayList<>();
        Map<String, List<ForumTerms>> byForum = new HashMap<>();
        terms.forEach(t -> byForum.computeIfAbsent(t.forumId(), k -> new ArrayList<>()).add(t));
        for (List<ForumTerms> forum : byForum.values()) {
            List<ForumTerms> ordered = forum.stream().sorted(Comparator.comparing(ForumTerms::from)
                    .thenComparingLong(ForumTerms::seq)).toList();
            for (int i = 0; i < ordered.size(); i++) {
                ForumTerms t = ordered.get(i);
                LocalDate until = ordered.stream().skip(i + 1).map(ForumTerms::from).filter(d -> d.isAfter(t.from()))
                        .findFirst().orElse(null);
                boolean replacedSameDay = i + 1 < ordered.size() && ordered.get(i + 1).from().equals(t.from());
                if (!replacedSameDay && t.themes().contains(theme)) {
                    periods.add(new Needs.Period(t.from(), until));
                }
            }
        }
        return new Needs(periods);
    }

    /** Decision id → its current version (empty: none stored). */
    final Map<String, Optional<DecisionState>> decisions = new HashMap<>();
    /** Service change id → its current version (empty: none stored). */
    final Map<String, Optional<ServiceChangeState>> serviceChanges = new HashMap<>();
    /** Service change id → test → its latest result. */
    final Map<String, Map<Long, TestResult>> tests = new HashMap<>();
    /** Subject (partnership, type, ref) → its current assignments. */
    final Map<List<String>, List<AccountabilityState>> assignments = new HashMap<>();
    /** Service change id → the decisions on it stored before the batch. */
    final Map<String, Set<String>> decisionsOnChange = new HashMap<>();
    /** Partnership → its member bodies, forums; (partnership, forum) → its current delegations. */
    final Map<String, Map<String, Body>> bodies = new HashMap<>();
    final Map<String, List<ForumTerms>> forums = new HashMap<>();
    final Map<List<String>, List<DelegationFacts>> delegations = new HashMap<>();

    static List<String> subject(String partnershipId, String type, String ref) {
        return List.of(partnershipId, type, ref);
    }
}
