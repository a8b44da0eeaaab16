package uk.nhs.stpgov.command.partnership;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.stpgov.command.common.BusinessDay;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AdmitMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.ChangeForumTerms;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.ChangeStatus;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.DelegateAuthority;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.EstablishForum;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RegisterPartnership;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RevokeDelegation;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.SucceedMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.WithdrawMember;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.command.registry.MemberAct;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.MemberDays;
import uk.nhs.stpgov.events.PartnershipStatus;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.ForumTermsChanged;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;
import uk.nhs.stpgov.events.partnership.PartnershipStatusChanged;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An STP footprint: its member organisations over time (admissions, withdrawals, successions), its forums and their
 * terms, the delegations of authority to them, and its status (STP, ICS, statutory ICS). The partnership itself is
 * not a legal body; statutory members are. Every rule is judged at the business date the act names.
 */
@Aggregate(cache = "aggregateCache")
public class Partnership {
    /** Statutory ICSs, with their ICBs, exist from this day (Health and Care Act 2022). */
    static final LocalDate STATUTORY_ICS_FROM = LocalDate.of(2022, 7, 1);

    @AggregateIdentifier
    private String partnershipId;
    /** Each status change by the day it applies from (a back-loaded one slots in by its day). */
    private final java.util.TreeMap<LocalDate, PartnershipStatus> statuses = new java.util.TreeMap<>();
    private final Map<String, List<Period>> members = new HashMap<>();
    private final Map<String, ForumState> forums = new LinkedHashMap<>();
    private final Map<String, DelegationState> delegations = new LinkedHashMap<>();

    /**
     * One membership period; {@code leftOn} is the last day as a member (inclusive), null while it lasts;
     * {@code successor} the body that succeeded this one on {@code leftOn} (null: withdrew, or still a member).
     */
    private record Period(Sector sector, boolean statutory, LocalDate joinedOn, LocalDate leftOn, String successor) {
        boolean covers(LocalDate day) {
            return MemberDays.covers(joinedOn, leftOn, day);
        }

        Period leaving(LocalDate on, String successor) {
            return new Period(sector, statutory, joinedOn, on, successor);
        }
    }

    /**
     * A forum's terms from a date: who sits on it and its remit; {@code succeededFrom} names the body whose seat a
     * succession passed on that day (null: terms the programme office set).
     */
    private record Terms(LocalDate from, List<String> members, Set<ThemeCode> themes, String succeededFrom) {
    }

    private record ForumState(ForumKind kind, LocalDate establishedOn, List<Terms> terms) {
        /**
         * The terms in force on the day: the latest dated on or before it (of the same day, the one recorded last;
         * a back-loaded succession adds terms before later ones); the first terms for a forum recorded without a
         * date.
         */
        Optional<Terms> termsOn(LocalDate day) {
            Terms inForce = null;
            for (Terms t : terms) {
                boolean applies = t.from() == null || !t.from().isAfter(day);
                if (applies && (inForce == null || inForce.from() == null
                        || (t.from() != null && !t.from().isBefore(inForce.from())))) {
                    inForce = t;
                }
            }
            return Optional.ofNullable(inForce);
        }

        /** The terms in force on the day and every later one, by date. */
        List<Terms> termsFrom(LocalDate day) {
            List<Terms> from = new ArrayList<>();
            termsOn(day).ifPresent(from::add);
            dated().stream().filter(t -> t.from().isAfter(day)).forEach(from::add);
            return from;
        }

        /**
         * The dated terms as they stand, by date: of terms dated the same day, the one recorded last (terms a
         * succession wrote are written again on their day when earlier history is back-loaded).
         */
        List<Terms> dated() {
            Map<LocalDate, Terms> byDay = new java.util.TreeMap<>();
            terms.stream().filter(t -> t.from() != null).forEach(t -> byDay.put(t.from(), t));
            return List.copyOf(byDay.values());
        }
    }

    /** {@code previous}: the delegation a succession passed this one on from (null: delegated by its body). */
    private record DelegationState(String forumId, String fromOdsCode, Set<ThemeCode> themes,
                                   LocalDate effectiveFrom, LocalDate effectiveTo, LocalDate revokedOn,
                                   String previous) {
        /** In force on the day or later: not revoked and not expired before it. */
        boolean liveOnOrAfter(LocalDate day) {
            return revokedOn == null && (effectiveTo == null || !effectiveTo.isBefore(day));
        }
    }

    protected Partnership() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    public Partnership(RegisterPartnership command) {
        apply(new PartnershipRegistered(command.partnershipId(), command.name(), command.region()));
    }

    @CommandHandler
    void handle(AdmitMember command) {
        Optional<Period> last = lastPeriod(command.odsCode());
        if (last.isPresent() && last.get().leftOn() == null) {
            throw new RuleViolation(command.odsCode() + " is already a member of " + partnershipId + " (since "
                    + last.get().joinedOn() + ")");
        }
        if (last.isPresent() && !command.joinedOn().isAfter(last.get().leftOn())) {
            throw new RuleViolation(command.odsCode() + " cannot rejoin on " + command.joinedOn()
                    + ": it was a member until " + last.get().leftOn());
        }
        apply(new MemberAdmitted(partnershipId, command.odsCode(), command.name(), command.sector(),
                command.statutory(), command.joinedOn()));
    }

    @CommandHandler
    void handle(WithdrawMember command, GovernanceRegistry registry) {
        Period member = requireCurrentPeriod(command.odsCode(), "withdraw");
        if (command.on().isBefore(member.joinedOn())) {
            throw new RuleViolation(command.odsCode() + " cannot withdraw on " + command.on()
                    + ", before it joined on " + member.joinedOn());
        }
        requireNoActAfter(command.odsCode(), command.on(), false, registry, "cannot withdraw on " + command.on());
        apply(new MemberWithdrew(partnershipId, command.odsCode(), command.on(), command.reason()));
        leaveSeatsPassedThrough(command.odsCode(), command.on());
    }

    /**
     * A withdrawal back-loaded before a succession that wrote a forum's terms (the 2022 ICB succession passed the CCG's
     * seat, and carried every other seat with it): those terms leave the body out, as they would had the withdrawal
     * been recorded first (a seat passed by a succession leaves out bodies that have left since). They, and the
     * terms after them, are written again on their days, so the latest recorded terms stay the latest dated.
     */
    private void leaveSeatsPassedThrough(String odsCode, LocalDate lastDay) {
        forums.forEach((forumId, forum) -> {
            List<Terms> after = forum.dated().stream().filter(t -> t.from().isAfter(lastDay)).toList();
            int first = java.util.stream.IntStream.range(0, after.size())
                    .filter(i -> after.get(i).members().contains(odsCode)).findFirst().orElse(-1);
            if (first < 0) {
                return;
            }
            for (Terms terms : after.subList(first, after.size())) {
                apply(new ForumTermsChanged(partnershipId, forumId, terms.members().stream()
                        .filter(m -> !m.equals(odsCode)).toList(), terms.themes(), terms.from(),
                        terms.succeededFrom()));
            }
        });
    }

    /**
     * The successor joins on the day (or already sits), the predecessor leaves after it; the predecessor's forum
     * seats and live delegations pass to the successor here, in this aggregate's own events. Its accountabilities and
     * pending ratifications pass in the same transaction through {@code SuccessionPolicy}. Not before a day the
     * predecessor itself acted ({@link #requireNoActAfter}).
     */
    @CommandHandler
    void handle(SucceedMember command, GovernanceRegistry registry) {
        String from = command.odsCode();
        String to = command.successorOdsCode();
        LocalDate on = command.on();
        Period predecessor = requireCurrentPeriod(from, "be succeeded");
        if (from.equals(to)) {
            throw new RuleViolation(from + " cannot succeed itself");
        }
        if (on.isBefore(predecessor.joinedOn())) {
            throw new RuleViolation(from + " cannot be succeeded on " + on + ", before it joined on "
                    + predecessor.joinedOn());
        }
        requireNoActAfter(from, on, true, registry, "cannot be succeeded on " + on);
        // A successor that sits on the day (bodies merging into one) need not sit still: a log back-loaded after
        // its own later succession (two CCGs merged in 2020, the merged CCG succeeded by the ICB in 2022) names it.
        Optional<Period> sitting = memberOn(to, on).filter(p -> p.leftOn() == null || p.leftOn().isAfter(on));
        Optional<Period> successor = sitting.isPresent() ? sitting : lastPeriod(to);
        boolean successorWasMember = sitting.isPresent() || (successor.isPresent() && successor.get().leftOn() == null);
        if (successorWasMember && successor.get().joinedOn().isAfter(on)) {
            throw new RuleViolation(to + " joined on " + successor.get().joinedOn() + " and cannot succeed " + from
                    + " on " + on);
        }
        if (!successorWasMember && successor.isPresent() && !on.isAfter(successor.get().leftOn())) {
            throw new RuleViolation(to + " was a member until " + successor.get().leftOn()
                    + " and cannot join again on " + on);
        }
        boolean statutory = successorWasMember ? successor.get().statutory() : command.statutory();
        apply(new MemberSucceeded(partnershipId, from, to, command.successorName(),
                successorWasMember ? successor.get().sector() : command.sector(), statutory, on, command.reason(),
                successorWasMember));
        // The seat passes on the day, and in any terms dated later (recorded before this succession was) to whoever
        // holds the successor's place on their day.
        forums.forEach((forumId, forum) -> forum.termsFrom(on).stream()
                .filter(terms -> terms.members().contains(from))
                .forEach(terms -> {
                    LocalDate day = terms.from() == null || terms.from().isBefore(on) ? on : terms.from();
                    passSeat(forumId, terms, from, placeOf(to, day), day);
                }));
        for (Map.Entry<String, DelegationState> entry : List.copyOf(delegations.entrySet())) {
            DelegationState d = entry.getValue();
            if (d.fromOdsCode().equals(from) && d.liveOnOrAfter(on)) {
                pass(entry.getKey(), d, to, statutory, on);
            }
        }
    }

    /**
     * The seat of {@code from} passes to {@code to} from {@code on} (a body that already sits keeps one seat). The new
     * terms name that day's members: a body that has left the partnership since the terms were set sits no longer.
     */
    private void passSeat(String forumId, Terms terms, String from, String to, LocalDate on) {
        apply(new ForumTermsChanged(partnershipId, forumId, seatsPassed(terms, from, to, on), terms.themes(), on, from));
    }

    private List<String> seatsPassed(Terms terms, String from, String to, LocalDate on) {
        List<String> seats = new ArrayList<>();
        terms.members().forEach(m -> {
            String seat = m.equals(from) ? to : m;
            if (!m.equals(from) && memberOn(m, on).isEmpty()) {
                return;
            }
            if (!seats.contains(seat)) {
                seats.add(seat);
            }
        });
        return seats;
    }

    /**
     * A live delegation passes to the successor on the succession day (or its own start, if later): revoked, and
     * delegated again from the successor, which a non-statutory successor cannot do (the delegation lapses).
     */
    private void pass(String delegationId, DelegationState d, String to, boolean statutory, LocalDate on) {
        String from = d.fromOdsCode();
        LocalDate passesOn = d.effectiveFrom().isAfter(on) ? d.effectiveFrom() : on;
        apply(new DelegationRevoked(partnershipId, d.forumId(), delegationId, d.themes(), passesOn,
                statutory ? "Passed to " + to + " on the succession of " + from
                        : "Lapsed: " + from + " was succeeded by " + to + ", which is not a statutory body"));
        if (statutory) {
            String carried = UUID.nameUUIDFromBytes((delegationId + "|" + to).getBytes(StandardCharsets.UTF_8))
                    .toString();
            apply(new AuthorityDelegated(partnershipId, d.forumId(), carried, to, d.themes(), passesOn,
                    d.effectiveTo(), from, delegationId));
            passIfSucceeded(carried);
        }
    }

    /**
     * A delegation from a body whose membership then ended by a succession already recorded (a back-loaded log)
     * passes on that succession as if it had been recorded first, and on down a chain of successions.
     */
    private void passIfSucceeded(String delegationId) {
        DelegationState d = delegations.get(delegationId);
        memberOn(d.fromOdsCode(), d.effectiveFrom())
                .filter(p -> p.successor() != null && d.liveOnOrAfter(p.leftOn()))
                .ifPresent(p -> pass(delegationId, d, p.successor(),
                        memberOn(p.successor(), p.leftOn()).map(Period::statutory).orElse(false), p.leftOn()));
    }

    @CommandHandler
    void handle(ChangeStatus command) {
        // Judged by days, so a log may be back-loaded after a later status: STP → ICS → STATUTORY_ICS in date order.
        Map.Entry<LocalDate, PartnershipStatus> before = statuses.floorEntry(command.on());
        PartnershipStatus then = before == null ? PartnershipStatus.STP : before.getValue();
        if (command.status().ordinal() <= then.ordinal()) {
            throw new RuleViolation(partnershipId + " is " + then + (before == null ? "" : " since " + before.getKey())
                    + " on " + command.on() + "; its status can only move forward (STP → ICS → STATUTORY_ICS)");
        }
        Map.Entry<LocalDate, PartnershipStatus> after = statuses.higherEntry(command.on());
        if (after != null && command.status().ordinal() >= after.getValue().ordinal()) {
            throw new RuleViolation(partnershipId + " became " + after.getValue() + " on " + after.getKey()
                    + "; a status from " + command.on() + " must come before it (STP → ICS → STATUTORY_ICS)");
        }
        if (command.status() == PartnershipStatus.STATUTORY_ICS) {
            if (command.on().isBefore(STATUTORY_ICS_FROM)) {
                throw new RuleViolation("Statutory integrated care systems exist from " + STATUTORY_ICS_FROM
                        + ", not " + command.on());
            }
            boolean hasIcb = members.values().stream().flatMap(List::stream)
                    .anyMatch(p -> p.sector() == Sector.ICB && p.statutory() && p.covers(command.on()));
            if (!hasIcb) {
                throw new RuleViolation("A statutory ICS needs a statutory ICB among its members on " + command.on()
                        + "; admit the ICB or record the CCGs' succession by it first");
            }
        }
        apply(new PartnershipStatusChanged(partnershipId, then, command.status(), command.name(), command.on()));
    }

    /**
     * Members are checked on {@code establishedOn}; a forum recorded without that date is checked as of today (the
     * business day) and its first terms then count from any date, as for forums recorded before dates were kept.
     */
    @CommandHandler
    void handle(EstablishForum command, BusinessDay businessDay) {
        if (forums.containsKey(command.forumId())) {
            throw new RuleViolation("Forum " + command.forumId() + " already exists in " + partnershipId);
        }
        LocalDate day = command.establishedOn() != null ? command.establishedOn() : businessDay.today();
        command.memberOdsCodes().forEach(ods -> requireMemberOn(ods, day));
        apply(new ForumEstablished(partnershipId, command.forumId(), command.name(), command.kind(),
                command.memberOdsCodes(), command.themes(), command.establishedOn()));
        if (command.establishedOn() != null) {
            // A forum back-loaded after successions were recorded (a 2016 forum loaded in 2024).
            passedOnFrom(forums.get(command.forumId()).terms().get(0)).stream().skip(1).forEach(terms ->
                    apply(new ForumTermsChanged(partnershipId, command.forumId(), terms.members(), terms.themes(),
                            terms.from(), terms.succeededFrom())));
        }
    }

    @CommandHandler
    void handle(ChangeForumTerms command) {
        ForumState forum = requireForum(command.forumId());
        LocalDate on = command.on();
        // Terms may be back-loaded before terms a later succession wrote (a 2019 remit change loaded after the 2022
        // ICB succession passed the CCG's seat): those are written again on their days, from these terms. Terms
        // the programme office set later stand: new terms cannot start before them.
        List<Terms> later = forum.dated().stream().filter(t -> t.from().isAfter(on)).toList();
        // The establishment's terms are among them (dated establishedOn, set by the programme office).
        Optional<LocalDate> set = forum.terms().stream().filter(t -> t.from() != null && t.from().isAfter(on)
                && t.succeededFrom() == null).map(Terms::from).min(java.util.Comparator.naturalOrder());
        if (set.isPresent()) {
            throw new RuleViolation("Forum " + command.forumId() + " has terms from " + set.get()
                    + "; new terms cannot start before that");
        }
        command.memberOdsCodes().forEach(ods -> requireMemberOn(ods, on));
        List<Terms> planned = new ArrayList<>(passedOnFrom(new Terms(on, command.memberOdsCodes(), command.themes(),
                null)));
        // Terms a succession wrote on a day that now passes no seat of these terms are written again as the terms
        // then in force, so none of their old seats stays in force.
        for (Terms stale : later) {
            if (planned.stream().noneMatch(t -> t.from().equals(stale.from()))) {
                Terms base = planned.stream().filter(t -> t.from().isBefore(stale.from()))
                        .reduce((a, b) -> b.from().isBefore(a.from()) ? a : b).orElseThrow();
                planned.add(new Terms(stale.from(), base.members(), base.themes(), stale.succeededFrom()));
            }
        }
        planned.sort(java.util.Comparator.comparing(Terms::from));
        for (int i = 0; i < planned.size(); i++) {
            Terms terms = planned.get(i);
            LocalDate until = i + 1 < planned.size() ? planned.get(i + 1).from() : null;
            delegations.forEach((id, d) -> {
                // A body that has left by the terms' day no longer delegates, whether or not it was revoked.
                boolean inForce = d.forumId().equals(command.forumId()) && d.liveOnOrAfter(terms.from())
                        && (until == null || d.effectiveFrom().isBefore(until))
                        && memberOn(d.fromOdsCode(), terms.from()).isPresent();
                if (inForce && (!terms.members().contains(d.fromOdsCode()) || !terms.themes().containsAll(d.themes()))) {
                    throw new RuleViolation("Delegation " + id + " from " + d.fromOdsCode() + " for " + d.themes()
                            + " would be left outside the forum's terms from " + terms.from() + "; revoke it first");
                }
            });
        }
        for (Terms terms : planned) {
            apply(new ForumTermsChanged(partnershipId, command.forumId(), terms.members(), terms.themes(),
                    terms.from(), terms.succeededFrom()));
        }
    }

    /**
     * {@code first} and the terms each succession from its day on writes from it, one at a time in date order, as they
     * would have been written had {@code first} been recorded before those successions (terms or a forum back-loaded
     * after a merger or the ICB succession was recorded: a seated CCG merged in 2020 stayed seated after it had gone,
     * and its successor was never seated).
     */
    private List<Terms> passedOnFrom(Terms first) {
        List<Terms> terms = new ArrayList<>(List.of(first));
        for (Map.Entry<String, Period> succeeded : successionsFrom(first.from())) {
            Terms base = terms.get(terms.size() - 1);
            String from = succeeded.getKey();
            LocalDate day = succeeded.getValue().leftOn();
            if (base.members().contains(from)) {
                terms.add(new Terms(day, seatsPassed(base, from, placeOf(from, day), day), base.themes(), from));
            }
        }
        return terms;
    }

    @CommandHandler
    void handle(DelegateAuthority command) {
        ForumState forum = requireForum(command.forumId());
        if (delegations.containsKey(command.delegationId())) {
            throw new RuleViolation("Delegation " + command.delegationId() + " already exists");
        }
        if (forum.kind() == ForumKind.ADVISORY_GROUP) {
            throw new RuleViolation("Forum " + command.forumId() + " is an advisory group and cannot take delegated "
                    + "decisions");
        }
        LocalDate from = command.effectiveFrom();
        Period member = requireMemberOn(command.fromOdsCode(), from);
        if (!member.statutory()) {
            throw new RuleViolation(command.fromOdsCode()
                    + " is not a statutory body, so it has no decision authority to delegate");
        }
        Terms terms = forum.termsOn(from).orElseThrow(() -> new RuleViolation("Forum " + command.forumId()
                + " was not established until " + forum.establishedOn() + ", after " + from));
        if (!terms.members().contains(command.fromOdsCode())) {
            throw new RuleViolation(command.fromOdsCode() + " does not sit on forum " + command.forumId() + " on "
                    + from + "; its members then: " + terms.members());
        }
        Set<ThemeCode> outside = new TreeSet<>(command.themes());
        outside.removeAll(terms.themes());
        if (!outside.isEmpty()) {
            throw new RuleViolation("Themes " + outside + " are not in forum " + command.forumId() + "'s remit on "
                    + from + "; its remit then: " + new TreeSet<>(terms.themes()));
        }
        apply(new AuthorityDelegated(partnershipId, command.forumId(), command.delegationId(), command.fromOdsCode(),
                command.themes(), command.effectiveFrom(), command.effectiveTo()));
        passIfSucceeded(command.delegationId());
    }

    @CommandHandler
    void handle(RevokeDelegation command) {
        requireForum(command.forumId());
        DelegationState delegation = delegations.get(command.delegationId());
        if (delegation == null || !delegation.forumId().equals(command.forumId())) {
            throw new UnknownEntity("delegation of forum " + command.forumId(), command.delegationId());
        }
        // A revocation back-loaded before the succession that passed the delegation on (its body revoked it in
        // 2018-01, the succession in 2018-04 was recorded first): it stands from its own day, and what the succession
        // passed on was never in force.
        List<String> passedOn = delegations.entrySet().stream()
                .filter(e -> command.delegationId().equals(e.getValue().previous())).map(Map.Entry::getKey).toList();
        boolean beforeItsPass = !passedOn.isEmpty() && command.on().isBefore(delegation.revokedOn());
        if (delegation.revokedOn() != null && !beforeItsPass) {
            throw new RuleViolation("Delegation " + command.delegationId() + " is already revoked, from "
                    + delegation.revokedOn());
        }
        if (command.on().isBefore(delegation.effectiveFrom())) {
            throw new RuleViolation("A delegation cannot be revoked on " + command.on()
                    + ", before it took effect on " + delegation.effectiveFrom());
        }
        if (delegation.effectiveTo() != null && command.on().isAfter(delegation.effectiveTo())) {
            throw new RuleViolation("Delegation " + command.delegationId() + " already ended on "
                    + delegation.effectiveTo() + "; it cannot be revoked on " + command.on());
        }
        apply(new DelegationRevoked(partnershipId, command.forumId(), command.delegationId(), delegation.themes(),
                command.on(), command.reason()));
        if (beforeItsPass) {
            passedOn.forEach(id -> neverInForce(id, command.delegationId(), command.on()));
        }
    }

    /** A delegation passed on from one revoked before the pass: revoked on its first day, and so on down a chain. */
    private void neverInForce(String delegationId, String revoked, LocalDate on) {
        DelegationState d = delegations.get(delegationId);
        apply(new DelegationRevoked(partnershipId, d.forumId(), delegationId, d.themes(), d.effectiveFrom(),
                "Never in force: " + revoked + " was revoked on " + on + ", before it passed on"));
        delegations.entrySet().stream().filter(e -> delegationId.equals(e.getValue().previous()))
                .map(Map.Entry::getKey).toList().forEach(next -> neverInForce(next, revoked, on));
    }

    /**
     * A body's leaving day is its last day as a member, so no act on record may name it as one after that day,
     * whatever the order of recording (DESIGN §1): its decisions, answers, accountabilities, confidence answers and
     * service changes it leads (in the registry), its forum seats and delegations (here). A succession passes on
     * what the body holds (forum seats, delegations it gave, accountabilities, ratifications it owes), so only what
     * the predecessor itself did after the day ({@code ownActsOnly}) refuses it. 409 naming the first such act.
     */
    private void requireNoActAfter(String odsCode, LocalDate lastDay, boolean ownActsOnly,
                                   GovernanceRegistry registry, String refused) {
        List<MemberAct> later = new ArrayList<>();
        registry.firstActAfter(partnershipId, odsCode, lastDay, ownActsOnly).ifPresent(later::add);
        if (!ownActsOnly) {
            // Terms as they stand; in terms a succession wrote, a seat carried over from the terms before is not the
            // body's act (the succession passed another body's seat), unless those terms seated it after the day too.
            forums.forEach((forumId, forum) -> {
                List<Terms> dated = forum.dated();
                for (int i = 0; i < dated.size(); i++) {
                    Terms t = dated.get(i);
                    boolean carried = t.succeededFrom() != null && i > 0 && dated.get(i - 1).members().contains(odsCode)
                            && members.getOrDefault(t.succeededFrom(), List.of()).stream()
                            .noneMatch(p -> odsCode.equals(p.successor()));
                    if (t.from().isAfter(lastDay) && t.members().contains(odsCode) && !carried) {
                        later.add(new MemberAct(t.from(), MemberAct.Kind.FORUM_SEAT, forumId, null));
                    }
                }
            });
        }
        delegations.forEach((id, d) -> {
            if (d.fromOdsCode().equals(odsCode) && d.effectiveFrom().isAfter(lastDay) && !(ownActsOnly && d.previous() != null)) {
                later.add(new MemberAct(d.effectiveFrom(), MemberAct.Kind.DELEGATION, id, d.forumId()));
            }
        });
        later.stream()
                .min(MemberAct.FIRST)
                .ifPresent(act -> {
                    throw new RuleViolation(odsCode + " " + refused + ": " + act.names(odsCode)
                            + ", and its last day as a member cannot come before that");
                });
    }

    /** The bodies succeeded on {@code day} or later, with the period the succession ended, by succession day. */
    private List<Map.Entry<String, Period>> successionsFrom(LocalDate day) {
        return members.entrySet().stream()
                .flatMap(m -> m.getValue().stream().filter(p -> p.successor() != null && !p.leftOn().isBefore(day))
                        .map(p -> Map.entry(m.getKey(), p)))
                .sorted(Map.Entry.<String, Period>comparingByValue(java.util.Comparator.comparing(Period::leftOn))
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    private Optional<Period> lastPeriod(String odsCode) {
        List<Period> periods = members.getOrDefault(odsCode, List.of());
        return periods.isEmpty() ? Optional.empty() : Optional.of(periods.get(periods.size() - 1));
    }

    private Period requireCurrentPeriod(String odsCode, String action) {
        Optional<Period> last = lastPeriod(odsCode);
        if (last.isEmpty()) {
            throw new UnknownEntity("member of " + partnershipId, odsCode);
        }
        if (last.get().leftOn() != null) {
            throw new RuleViolation(odsCode + " left " + partnershipId + " on " + last.get().leftOn()
                    + " and cannot " + action);
        }
        return last.get();
    }

    /** The body's membership period that covers the day, if it was a member then. */
    /** Who holds the body's place on the day: the body, or the successor it passed to by then, down a chain. */
    private String placeOf(String odsCode, LocalDate day) {
        String at = odsCode;
        for (int hops = 0; hops <= members.size(); hops++) {
            Optional<Period> ended = members.getOrDefault(at, List.of()).stream()
                    .filter(p -> p.successor() != null && !p.leftOn().isAfter(day) && !p.joinedOn().isAfter(day))
                    .reduce((a, b) -> b);
            if (ended.isEmpty() || memberOn(at, day).filter(p -> p.leftOn() == null || p.leftOn().isAfter(day))
                    .isPresent()) {
                return at;
            }
            at = ended.get().successor();
        }
        return at;
    }

    private Optional<Period> memberOn(String odsCode, LocalDate day) {
        return members.getOrDefault(odsCode, List.of()).stream().filter(p -> p.covers(day)).findFirst();
    }

    /** A body named in an act must have been a member on the act's date (DESIGN §1). */
    private Period requireMemberOn(String odsCode, LocalDate day) {
        List<Period> periods = members.getOrDefault(odsCode, List.of());
        return memberOn(odsCode, day)
                .orElseThrow(() -> new RuleViolation(odsCode + " was not a member of partnership " + partnershipId
                        + " on " + day + (periods.isEmpty() ? " (it has never been one)"
                        : "; its membership: " + periods.stream().map(p -> p.joinedOn() + (p.leftOn() == null
                        ? " onwards" : " to " + p.leftOn())).toList())));
    }

    private ForumState requireForum(String forumId) {
        ForumState forum = forums.get(forumId);
        if (forum == null) {
            throw new UnknownEntity("forum in partnership " + partnershipId, forumId);
        }
        return forum;
    }

    @EventSourcingHandler
    void on(PartnershipRegistered event) {
        partnershipId = event.partnershipId();
    }

    @EventSourcingHandler
    void on(MemberAdmitted event) {
        members.computeIfAbsent(event.odsCode(), ods -> new ArrayList<>())
                .add(new Period(event.sector(), event.statutory(), event.joinedOn(), null, null));
    }

    @EventSourcingHandler
    void on(MemberWithdrew event) {
        leave(event.odsCode(), event.on(), null);
    }

    @EventSourcingHandler
    void on(MemberSucceeded event) {
        leave(event.odsCode(), event.on(), event.successorOdsCode());
        if (!event.successorWasMember()) {
            members.computeIfAbsent(event.successorOdsCode(), ods -> new ArrayList<>())
                    .add(new Period(event.sector(), event.statutory(), event.on(), null, null));
        }
    }

    private void leave(String odsCode, LocalDate on, String successor) {
        List<Period> periods = members.get(odsCode);
        if (periods != null && !periods.isEmpty()) {
            periods.set(periods.size() - 1, periods.get(periods.size() - 1).leaving(on, successor));
        }
    }

    @EventSourcingHandler
    void on(PartnershipStatusChanged event) {
        statuses.put(event.on(), event.status());
    }

    @EventSourcingHandler
    void on(ForumEstablished event) {
        List<Terms> terms = new ArrayList<>();
        terms.add(new Terms(event.establishedOn(), event.memberOdsCodes(), event.themes(), null));
        forums.put(event.forumId(), new ForumState(event.kind(), event.establishedOn(), terms));
    }

    @EventSourcingHandler
    void on(ForumTermsChanged event) {
        forums.get(event.forumId()).terms().add(new Terms(event.on(), event.memberOdsCodes(), event.themes(),
                event.succeededFrom()));
    }

    @EventSourcingHandler
    void on(AuthorityDelegated event) {
        delegations.put(event.delegationId(), new DelegationState(event.forumId(), event.fromOdsCode(), event.themes(),
                event.effectiveFrom(), event.effectiveTo(), null, event.previousDelegationId()));
    }

    @EventSourcingHandler
    void on(DelegationRevoked event) {
        delegations.computeIfPresent(event.delegationId(), (id, d) -> new DelegationState(d.forumId(),
                d.fromOdsCode(), d.themes(), d.effectiveFrom(), d.effectiveTo(), event.on(), d.previous()));
    }
}
