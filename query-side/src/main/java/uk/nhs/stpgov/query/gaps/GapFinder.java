package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.themes.ThemeCatalog;
import uk.nhs.stpgov.query.common.PartnershipRecord;
import uk.nhs.stpgov.query.common.Rows.Accountability;
import uk.nhs.stpgov.query.common.Rows.Decision;
import uk.nhs.stpgov.query.common.Rows.Forum;
import uk.nhs.stpgov.query.common.Rows.Member;
import uk.nhs.stpgov.query.common.Rows.Ratification;
import uk.nhs.stpgov.query.common.Rows.ServiceChange;
import uk.nhs.stpgov.query.gaps.Gap.Kind;
import uk.nhs.stpgov.query.gaps.Gap.SubjectRef;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds every gap in one partnership's record at its instant. Time-based gaps compare business dates
 * (effectiveFrom, decidedOn, reviewBy) with the day of that instant. Pure: no I/O, so it is cheap and testable.
 */
public final class GapFinder {
    static final int ACCEPTANCE_DAYS = 14;
    static final int RATIFICATION_DAYS = 30;

    private final ThemeCatalog themes;

    public GapFinder(ThemeCatalog themes) {
        this.themes = themes;
    }

    /** The subjects that must have exactly one ACCOUNTABLE, each with the date from which it needed one. */
    public Map<SubjectRef, LocalDate> subjectsNeedingAccountable(PartnershipRecord record) {
        Map<SubjectRef, LocalDate> needing = new LinkedHashMap<>();
        for (ThemeCode theme : ThemeCode.values()) {
            record.forums().stream()
                    .filter(forum -> forum.themes().contains(theme.name()))
                    .map(forum -> LocalDate.ofInstant(forum.recordedAt(), ZoneOffset.UTC))
                    .min(Comparator.naturalOrder())
                    .ifPresent(since -> needing.put(theme(theme.name()), since));
        }
        for (ServiceChange change : record.serviceChanges()) {
            if (change.open()) {
                needing.put(serviceChange(change), LocalDate.ofInstant(change.proposedAt(), ZoneOffset.UTC));
            }
        }
        for (Decision decision : record.decisions()) {
            if ("APPROVED".equals(decision.outcome()) && "ACTIVE".equals(decision.status())) {
                needing.put(decision(decision), decision.decidedOn());
            }
        }
        return needing;
    }

    public List<Gap> find(PartnershipRecord record) {
        String pid = record.partnership().id();
        LocalDate day = record.day();
        Map<String, Member> members = record.membersByOds();
        List<Gap> gaps = new ArrayList<>();

        Map<SubjectRef, List<Accountability>> accountable = record.accountabilities().stream()
                .filter(a -> "ACCOUNTABLE".equals(a.role()) && a.holdsOn(day))
                .collect(Collectors.groupingBy(a -> subjectOf(record, a), LinkedHashMap::new, Collectors.toList()));
        Map<SubjectRef, LocalDate> lastRelinquished = record.accountabilities().stream()
                .filter(a -> "ACCOUNTABLE".equals(a.role()) && a.relinquished())
                .collect(Collectors.toMap(a -> subjectOf(record, a), Accountability::relinquishedOn,
                        (a, b) -> a.isAfter(b) ? a : b));
        subjectsNeedingAccountable(record).forEach((subject, needed) -> {
            if (!accountable.containsKey(subject)) {
                LocalDate lastLeft = lastRelinquished.getOrDefault(subject, needed);
                gaps.add(new Gap(pid, Kind.NO_ACCOUNTABLE, subject, "Nobody is ACCOUNTABLE for " + describe(subject),
                        lastLeft.isAfter(needed) ? lastLeft : needed, null));
            }
        });
        accountable.forEach((subject, holders) -> {
            if (holders.size() > 1) {
                gaps.add(new Gap(pid, Kind.JOINT_ACCOUNTABLE, subject, holders.size() + " bodies are jointly "
                        + "ACCOUNTABLE for " + describe(subject) + ": " + holders.stream().map(GapFinder::holder)
                        .collect(Collectors.joining("; ")),
                        holders.stream().map(Accountability::effectiveFrom).max(Comparator.naturalOrder()).orElseThrow(),
                        null));
            }
        });

        for (Accountability a : record.accountabilities()) {
            if (a.relinquished()) {
                continue;
            }
            SubjectRef subject = subjectOf(record, a);
            LocalDate acceptBy = a.heldSince().plusDays(ACCEPTANCE_DAYS);
            if (a.acceptedOn() == null && !day.isBefore(acceptBy)) {
                gaps.add(new Gap(pid, Kind.NOT_ACCEPTED, subject, a.role() + " " + holder(a) + " for "
                        + describe(subject) + " has not been accepted " + ACCEPTANCE_DAYS + " days after "
                        + a.heldSince(), acceptBy, a.id()));
            }
            Member member = members.get(a.odsCode());
            if (member != null && !member.current()) {
                gaps.add(new Gap(pid, Kind.HOLDER_WITHDRAWN, subject, a.role() + " " + holder(a) + " for "
                        + describe(subject) + " belongs to " + member.name() + ", which left the partnership on "
                        + member.withdrawnOn(), member.withdrawnOn(), a.id()));
            }
            if (a.reviewBy() != null && a.reviewBy().isBefore(day)) {
                gaps.add(new Gap(pid, Kind.REVIEW_OVERDUE, subject, a.role() + " " + holder(a) + " for "
                        + describe(subject) + " was due for review by " + a.reviewBy(), a.reviewBy(), a.id()));
            }
        }

        Map<String, List<Ratification>> ratified = record.ratifications().stream()
                .collect(Collectors.groupingBy(Ratification::decisionId));
        for (Decision decision : record.decisions()) {
            if (!"ACTIVE".equals(decision.status())) {
                continue;
            }
            SubjectRef subject = decision(decision);
            noStatutoryDecider(record, decision, members).ifPresent(detail ->
                    gaps.add(new Gap(pid, Kind.NO_STATUTORY_DECIDER, subject, detail, decision.decidedOn(), null)));
            Set<String> ratifiedBy = ratified.getOrDefault(decision.id(), List.of()).stream()
                    .map(Ratification::odsCode).collect(Collectors.toSet());
            List<String> pending = decision.decidingOdsCodes().stream().filter(ods -> !ratifiedBy.contains(ods))
                    .toList();
            LocalDate due = decision.decidedOn().plusDays(RATIFICATION_DAYS);
            if (!pending.isEmpty() && !day.isBefore(due)) {
                gaps.add(new Gap(pid, Kind.RATIFICATION_PENDING, subject, "Not ratified by " + pending + " "
                        + RATIFICATION_DAYS + " days after the decision of " + decision.decidedOn(), due, null));
            }
        }

        for (ServiceChange change : record.serviceChanges()) {
            Member lead = members.get(change.leadOdsCode());
            if (change.open() && lead != null && !lead.current()) {
                gaps.add(new Gap(pid, Kind.NO_LEAD, serviceChange(change), "The lead, " + lead.name() + " ("
                        + lead.odsCode() + "), left the partnership on " + lead.withdrawnOn()
                        + " while the change is " + change.stage(), lead.withdrawnOn(), null));
            }
        }
        gaps.sort(Comparator.comparing(Gap::kind).thenComparing(g -> g.subject().type())
                .thenComparing(g -> g.subject().ref()).thenComparing(g -> Objects.toString(g.accountabilityId(), "")));
        return gaps;
    }

    private static java.util.Optional<String> noStatutoryDecider(PartnershipRecord record, Decision decision,
                                                                 Map<String, Member> members) {
        boolean statutoryDecider = decision.decidingOdsCodes().stream()
                .map(members::get).anyMatch(m -> m != null && m.statutory());
        if (!statutoryDecider) {
            return java.util.Optional.of(decision.decidingOdsCodes().isEmpty()
                    ? "No member body takes or ratifies this decision"
                    : "None of the deciding bodies " + decision.decidingOdsCodes() + " is a statutory body");
        }
        if (decision.forumId() != null) {
            boolean delegated = record.delegations().stream()
                    .anyMatch(d -> d.forumId().equals(decision.forumId()) && d.themes().contains(decision.theme())
                            && d.inForceOn(decision.decidedOn()));
            if (!delegated) {
                String forum = record.forums().stream().filter(f -> f.id().equals(decision.forumId()))
                        .map(Forum::name).findFirst().orElse(decision.forumId());
                return java.util.Optional.of("Taken by " + forum + ", which held no delegation covering "
                        + decision.theme() + " on " + decision.decidedOn());
            }
        }
        return java.util.Optional.empty();
    }

    public SubjectRef subjectOf(PartnershipRecord record, Accountability a) {
        return switch (a.subjectType()) {
            case "THEME" -> theme(a.subjectRef());
            case "SERVICE_CHANGE" -> new SubjectRef("SERVICE_CHANGE", a.subjectRef(), record.serviceChange(a.subjectRef())
                    .map(ServiceChange::title).orElse(null));
            default -> new SubjectRef("DECISION", a.subjectRef(), record.decision(a.subjectRef())
                    .map(Decision::title).orElse(null));
        };
    }

    public SubjectRef theme(String code) {
        return new SubjectRef("THEME", code, themes.title(ThemeCode.valueOf(code)));
    }

    public static SubjectRef serviceChange(ServiceChange change) {
        return new SubjectRef("SERVICE_CHANGE", change.id(), change.title());
    }

    public static SubjectRef decision(Decision decision) {
        return new SubjectRef("DECISION", decision.id(), decision.title());
    }

    private static String describe(SubjectRef subject) {
        return switch (subject.type()) {
            case "THEME" -> "theme " + subject.ref() + " (" + subject.title() + ")";
            case "SERVICE_CHANGE" -> "service change '" + subject.title() + "'";
            default -> "decision '" + subject.title() + "'";
        };
    }

    private static String holder(Accountability a) {
        return a.odsCode() + " " + a.post() + (a.personName() == null ? "" : " (" + a.personName() + ")");
    }
}
