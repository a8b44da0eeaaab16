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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Everything the record of one partnership showed at one instant; the input of maps and gap detection. */
public record PartnershipRecord(Partnership partnership, Instant asOf, List<Member> members, List<Forum> forums,
                                List<Delegation> delegations, List<ServiceChange> serviceChanges,
                                List<Decision> decisions, List<Ratification> ratifications,
                                List<Accountability> accountabilities) {

    /** The business date the instant falls on (UTC), against which dates such as reviewBy are judged. */
    public LocalDate day() {
        return LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    }

    public Map<String, Member> membersByOds() {
        return members.stream().collect(Collectors.toMap(Member::odsCode, Function.identity(), (a, b) -> a));
    }

    public Optional<ServiceChange> serviceChange(String id) {
        return serviceChanges.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Decision> decision(String id) {
        return decisions.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
