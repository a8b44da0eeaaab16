package uk.nhs.stpgov.query.accountabilitymap;

import org.springframework.stereotype.Service;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Entry;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Holder;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Subject;
import uk.nhs.stpgov.query.common.GovernanceQueries;
import uk.nhs.stpgov.query.common.PartnershipRecord;
import uk.nhs.stpgov.query.common.Rows.Accountability;
import uk.nhs.stpgov.query.common.Rows.Member;
import uk.nhs.stpgov.query.common.Rows.ServiceChange;
import uk.nhs.stpgov.query.gaps.Gap;
import uk.nhs.stpgov.query.gaps.Gap.SubjectRef;
import uk.nhs.stpgov.query.gaps.GapFinder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the accountability map: every theme, every subject that needs an ACCOUNTABLE (themes in a forum's remit,
 * open service changes, approved decisions) and every subject anyone holds a role for.
 */
@Service
public class AccountabilityMapService {
    private final GovernanceQueries queries;

    AccountabilityMapService(GovernanceQueries queries) {
        this.queries = queries;
    }

    public AccountabilityMap map(String partnershipId, Instant asOf) {
        PartnershipRecord record = queries.record(partnershipId, asOf);
        GapFinder finder = queries.gapFinder();
        LocalDate day = record.day();
        Map<String, Member> members = record.membersByOds();

        Map<SubjectRef, List<String>> subjects = new LinkedHashMap<>();
        for (ThemeCode theme : ThemeCode.values()) {
            subjects.put(finder.theme(theme.name()), List.of(theme.name()));
        }
        finder.subjectsNeedingAccountable(record).keySet().forEach(s -> subjects.putIfAbsent(s, themesOf(record, s)));
        Map<SubjectRef, List<Accountability>> held = record.accountabilities().stream()
                .filter(a -> !a.relinquished())
                .collect(Collectors.groupingBy(a -> finder.subjectOf(record, a), LinkedHashMap::new,
                        Collectors.toList()));
        held.keySet().forEach(s -> subjects.putIfAbsent(s, themesOf(record, s)));

        Map<SubjectRef, List<Gap>> gaps = queries.gaps(record).stream()
                .collect(Collectors.groupingBy(Gap::subject));
        List<Entry> entries = new ArrayList<>();
        subjects.forEach((subject, themes) -> {
            List<Accountability> assignments = held.getOrDefault(subject, List.of());
            entries.add(new Entry(
                    new Subject(subject.type(), subject.ref(), subject.title(), themes.isEmpty() ? null : themes.get(0),
                            themes),
                    holders(assignments, "ACCOUNTABLE", day, members),
                    holders(assignments, "RESPONSIBLE", day, members),
                    holders(assignments, "CONSULTED", day, members),
                    holders(assignments, "INFORMED", day, members),
                    assignments.stream().filter(a -> a.pendingOn(day)).map(a -> holder(a, members)).toList(),
                    gaps.getOrDefault(subject, List.of())));
        });
        return new AccountabilityMap(partnershipId, asOf, entries);
    }

    private static List<String> themesOf(PartnershipRecord record, SubjectRef subject) {
        return switch (subject.type()) {
            case "THEME" -> List.of(subject.ref());
            case "SERVICE_CHANGE" -> record.serviceChange(subject.ref()).map(ServiceChange::themes).orElse(List.of());
            default -> record.decision(subject.ref()).map(d -> List.of(d.theme())).orElse(List.of());
        };
    }

    private static List<Holder> holders(List<Accountability> assignments, String role, LocalDate day,
                                        Map<String, Member> members) {
        return assignments.stream().filter(a -> role.equals(a.role()) && a.holdsOn(day))
                .map(a -> holder(a, members)).toList();
    }

    private static Holder holder(Accountability a, Map<String, Member> members) {
        Member member = members.get(a.odsCode());
        return new Holder(a.id(), a.role(), a.odsCode(), member == null ? null : member.name(), a.post(),
                a.personName(), a.effectiveFrom(), a.reviewBy(), a.acceptedOn() != null, a.acceptedOn(), a.joint());
    }

}
