package uk.nhs.stpgov.command.registry;

import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link GovernanceRegistry} held in memory, for aggregate tests. Tests say what the rest of the ledger already
 * holds (partnerships, membership periods, forums, service changes, decisions, ACCOUNTABLE holders) before sending a
 * command. Every setter returns the registry so a test can chain its set-up.
 */
public class InMemoryGovernanceRegistry implements GovernanceRegistry {
    /** {@link #member} joins on this day, long before any act in the tests. */
    public static final LocalDate LONG_AGO = LocalDate.of(2000, 1, 1);
    /** {@link #withdrawnMember} left on this day, before any act in the tests. */
    public static final LocalDate LEFT_LONG_AGO = LocalDate.of(2015, 12, 31);

    private final Set<String> partnerships = new HashSet<>();
    private final Map<String, List<Membership>> members = new HashMap<>();
    private final Set<String> forums = new HashSet<>();
    private final Map<String, SubjectRecord> serviceChanges = new HashMap<>();
    private final Map<String, SubjectRecord> decisions = new HashMap<>();
    private final Map<String, String> references = new HashMap<>();
    private final Map<String, List<Holder>> accountable = new HashMap<>();
    private final Map<String, List<MemberAct>> acts = new HashMap<>();
    private final List<Delegated> delegations = new ArrayList<>();

    private record Delegated(String partnershipId, String forumId, String fromOdsCode, Set<ThemeCode> themes,
                             LocalDate effectiveFrom, LocalDate effectiveTo, LocalDate revokedOn) {
        boolean inForceOn(LocalDate day) {
            return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day))
                    && (revokedOn == null || revokedOn.isAfter(day));
        }
    }

    public InMemoryGovernanceRegistry partnership(String partnershipId) {
        partnerships.add(partnershipId);
        return this;
    }

    /** A member since long ago, still a member; registers its partnership too. */
    public InMemoryGovernanceRegistry member(String partnershipId, String odsCode, boolean statutory) {
        return memberBetween(partnershipId, odsCode, statutory, LONG_AGO, null);
    }

    /** A member that withdrew long ago: it is known, but was no member on any date the tests use. */
    public InMemoryGovernanceRegistry withdrawnMember(String partnershipId, String odsCode, boolean statutory) {
        return memberBetween(partnershipId, odsCode, statutory, LONG_AGO, LEFT_LONG_AGO);
    }

    /** A member from {@code joinedOn} to {@code leftOn} (inclusive; null: still a member). */
    public InMemoryGovernanceRegistry memberBetween(String partnershipId, String odsCode, boolean statutory,
                                                    LocalDate joinedOn, LocalDate leftOn) {
        partnership(partnershipId);
        members.computeIfAbsent(key(partnershipId, odsCode), k -> new ArrayList<>())
                .add(new Membership(odsCode, statutory, joinedOn, leftOn, leftOn == null ? null : "WITHDRAWN", null));
        return this;
    }

    public InMemoryGovernanceRegistry forum(String partnershipId, String forumId) {
        partnership(partnershipId);
        forums.add(key(partnershipId, forumId));
        return this;
    }

    public InMemoryGovernanceRegistry serviceChange(String partnershipId, String serviceChangeId,
                                                    ThemeCode... themes) {
        partnership(partnershipId);
        serviceChanges.put(key(partnershipId, serviceChangeId),
                new SubjectRecord(serviceChangeId, Set.of(themes), null));
        return this;
    }

    public InMemoryGovernanceRegistry decision(String partnershipId, String decisionId, DecisionStatus status,
                                               ThemeCode theme) {
        partnership(partnershipId);
        decisions.put(key(partnershipId, decisionId), new SubjectRecord(decisionId, Set.of(theme), status));
        return this;
    }

    /** A decision that carries a minute reference. */
    public InMemoryGovernanceRegistry reference(String partnershipId, String reference, String decisionId) {
        references.put(key(partnershipId, reference), decisionId);
        return this;
    }

    /** Someone already holds ACCOUNTABLE for the subject (over the holder's dates). */
    public InMemoryGovernanceRegistry accountable(String partnershipId, Subject subject, Holder holder) {
        partnership(partnershipId);
        accountable.computeIfAbsent(key(partnershipId, subject.toString()), k -> new ArrayList<>()).add(holder);
        return this;
    }

    /** An act of another aggregate (a decision, an answer, an accountability…) names the body as a member. */
    public InMemoryGovernanceRegistry act(String partnershipId, String odsCode, MemberAct act) {
        partnership(partnershipId);
        acts.computeIfAbsent(key(partnershipId, odsCode), k -> new ArrayList<>()).add(act);
        return this;
    }

    /** A delegation of the themes from the body to the forum, from a day to another (null: open), revoked or not. */
    public InMemoryGovernanceRegistry delegation(String partnershipId, String forumId, String fromOdsCode,
                                                 Set<ThemeCode> themes, LocalDate effectiveFrom, LocalDate effectiveTo,
                                                 LocalDate revokedOn) {
        partnership(partnershipId);
        delegations.add(new Delegated(partnershipId, forumId, fromOdsCode, themes, effectiveFrom, effectiveTo,
                revokedOn));
        return this;
    }

    @Override
    public boolean partnershipExists(String partnershipId) {
        return partnerships.contains(partnershipId);
    }

    @Override
    public List<Membership> memberships(String partnershipId, String odsCode) {
        return List.copyOf(members.getOrDefault(key(partnershipId, odsCode), List.of()));
    }

    @Override
    public boolean forumExists(String partnershipId, String forumId) {
        return forums.contains(key(partnershipId, forumId));
    }

    @Override
    public Optional<SubjectRecord> serviceChange(String partnershipId, String serviceChangeId) {
        return Optional.ofNullable(serviceChanges.get(key(partnershipId, serviceChangeId)));
    }

    @Override
    public Optional<SubjectRecord> decision(String partnershipId, String decisionId) {
        return Optional.ofNullable(decisions.get(key(partnershipId, decisionId)));
    }

    @Override
    public Optional<String> decisionWithReference(String partnershipId, String reference) {
        return Optional.ofNullable(references.get(key(partnershipId, reference)));
    }

    @Override
    public List<Holder> accountableHolders(String partnershipId, Subject subject) {
        return List.copyOf(accountable.getOrDefault(key(partnershipId, subject.toString()), List.of()));
    }

    @Override
    public List<Held> accountabilitiesHeldBy(String partnershipId, String odsCode, LocalDate on) {
        return List.of();
    }

    @Override
    public List<String> pendingRatificationsOf(String partnershipId, String odsCode) {
        return List.of();
    }

    @Override
    public Set<String> boundByDelegation(String partnershipId, String forumId, ThemeCode theme,
                                         Collection<String> odsCodes, LocalDate day) {
        Set<String> bound = new HashSet<>();
        delegations.stream().filter(d -> d.partnershipId().equals(partnershipId) && d.forumId().equals(forumId)
                        && odsCodes.contains(d.fromOdsCode()) && d.themes().contains(theme) && d.inForceOn(day))
                .forEach(d -> bound.add(d.fromOdsCode()));
        return bound;
    }

    @Override
    public List<Owed> owedUnderDelegation(String partnershipId, String delegationId, LocalDate from) {
        return List.of();
    }

    @Override
    public Optional<String> decidingBodyState(String decisionId, String odsCode) {
        return Optional.empty();
    }

    @Override
    public Optional<MemberAct> firstActAfter(String partnershipId, String odsCode, LocalDate day,
                                             boolean ownActsOnly) {
        return acts.getOrDefault(key(partnershipId, odsCode), List.of()).stream()
                .filter(act -> act.on().isAfter(day) && !(ownActsOnly && act.kind().passesOnSuccession()))
                .min(MemberAct.FIRST);
    }

    private static String key(String partnershipId, String id) {
        return partnershipId + "|" + id;
    }
}
