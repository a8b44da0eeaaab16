package uk.nhs.stpgov.query.common;

import uk.nhs.stpgov.query.common.Rows.Accountability;
import uk.nhs.stpgov.query.common.Rows.Decision;
import uk.nhs.stpgov.query.common.Rows.Delegation;
import uk.nhs.stpgov.query.common.Rows.Forum;
import uk.nhs.stpgov.query.common.Rows.Member;
import uk.nhs.stpgov.query.common.Rows.Partnership;
import uk.nhs.stpgov.query.common.Rows.Ratification;
import uk.nhs.stpgov.query.common.Rows.ServiceChange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the record of one partnership showed at one instant; the input of maps and gap detection. Lookups by
 * id are indexed once, so a large partnership's map stays linear in its size.
 */
public final class PartnershipRecord {
    private final Partnership partnership;
    private final Instant asOf;
    private final List<Member> members;
    private final List<Forum> forums;
    private final List<Delegation> delegations;
    private final List<ServiceChange> serviceChanges;
    private final List<Decision> decisions;
    private final List<Ratification> ratifications;
    private final List<Accountability> accountabilities;
    private final Map<String, Member> membersByOds;
    private final Map<String, ServiceChange> serviceChangesById;
    private final Map<String, Decision> decisionsById;

    public PartnershipRecord(Partnership partnership, Instant asOf, List<Member> members, List<Forum> forums,
                             List<Delegation> delegations, List<ServiceChange> serviceChanges,
                             List<Decision> decisions, List<Ratification> ratifications,
                             List<Accountability> accountabilities) {
        this.partnership = partnership;
        this.asOf = asOf;
        this.members = List.copyOf(members);
        this.forums = List.copyOf(forums);
        this.delegations = List.copyOf(delegations);
        this.serviceChanges = List.copyOf(serviceChanges);
        this.decisions = List.copyOf(decisions);
        this.ratifications = List.copyOf(ratifications);
        this.accountabilities = List.copyOf(accountabilities);
        this.membersByOds = index(members, Member::odsCode);
        this.serviceChangesById = index(serviceChanges, ServiceChange::id);
        this.decisionsById = index(decisions, Decision::id);
    }

    private static <T> Map<String, T> index(List<T> rows, Function<T, String> id) {
        return rows.stream().collect(Collectors.toUnmodifiableMap(id, Function.identity(), (a, b) -> a));
    }

    public Partnership partnership() {
        return partnership;
    }

    public Instant asOf() {
        return asOf;
    }

    public List<Member> members() {
        return members;
    }

    public List<Forum> forums() {
        return forums;
    }

    public List<Delegation> delegations() {
        return delegations;
    }

    public List<ServiceChange> serviceChanges() {
        return serviceChanges;
    }

    public List<Decision> decisions() {
        return decisions;
    }

    public List<Ratification> ratifications() {
        return ratifications;
    }

    public List<Accountability> accountabilities() {
        return accountabilities;
    }

    public Map<String, Member> membersByOds() {
        return membersByOds;
    }

    public Optional<ServiceChange> serviceChange(String id) {
        return Optional.ofNullable(serviceChangesById.get(id));
    }

    public Optional<Decision> decision(String id) {
        return Optional.ofNullable(decisionsById.get(id));
    }
}
