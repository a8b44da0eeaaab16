package uk.nhs.stpgov.command.registry;

import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link GovernanceRegistry} held in memory, for aggregate tests. Tests say what the rest of the ledger already
 * holds (partnerships, members, forums, service changes, decisions and ACCOUNTABLE holders) before sending a command.
 * Every setter returns the registry so a test can chain its set-up.
 */
public class InMemoryGovernanceRegistry implements GovernanceRegistry {

    private final Set<String> partnerships = new HashSet<>();
    private final Map<String, Member> members = new HashMap<>();
    private final Set<String> forums = new HashSet<>();
    private final Map<String, SubjectRecord> serviceChanges = new HashMap<>();
    private final Map<String, SubjectRecord> decisions = new HashMap<>();
    private final Map<String, List<Holder>> accountable = new HashMap<>();

    public InMemoryGovernanceRegistry partnership(String partnershipId) {
        partnerships.add(partnershipId);
        return this;
    }

    /** A current member; registers its partnership too. */
    public InMemoryGovernanceRegistry member(String partnershipId, String odsCode, boolean statutory) {
        partnership(partnershipId);
        members.put(key(partnershipId, odsCode), new Member(odsCode, statutory, true));
        return this;
    }

    /** A member that has withdrawn: it is known, but no longer current. */
    public InMemoryGovernanceRegistry withdrawnMember(String partnershipId, String odsCode, boolean statutory) {
        partnership(partnershipId);
        members.put(key(partnershipId, odsCode), new Member(odsCode, statutory, false));
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

    /** Someone already holds ACCOUNTABLE for the subject. */
    public InMemoryGovernanceRegistry accountable(String partnershipId, Subject subject, Holder holder) {
        partnership(partnershipId);
        accountable.computeIfAbsent(key(partnershipId, subject.toString()), k -> new ArrayList<>()).add(holder);
        return this;
    }

    @Override
    public boolean partnershipExists(String partnershipId) {
        return partnerships.contains(partnershipId);
    }

    @Override
    public Optional<Member> member(String partnershipId, String odsCode) {
        return Optional.ofNullable(members.get(key(partnershipId, odsCode)));
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
    public List<Holder> accountableHolders(String partnershipId, Subject subject) {
        return List.copyOf(accountable.getOrDefault(key(partnershipId, subject.toString()), List.of()));
    }

    private static String key(String partnershipId, String id) {
        return partnershipId + "|" + id;
    }
}
