package uk.nhs.stpgov.query.decisions;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.common.GovernanceQueries;
import uk.nhs.stpgov.query.common.PartnershipRecord;
import uk.nhs.stpgov.query.common.Rows.Decision;
import uk.nhs.stpgov.query.common.Rows.Ratification;
import uk.nhs.stpgov.query.timeline.TimelineQueries;
import uk.nhs.stpgov.query.web.Csv;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.QueryContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@RestController
class DecisionQueryController {
    private final GovernanceQueries queries;
    private final TimelineQueries timeline;
    private final QueryContext context;

    DecisionQueryController(GovernanceQueries queries, TimelineQueries timeline, QueryContext context) {
        this.queries = queries;
        this.timeline = timeline;
        this.context = context;
    }

    record RatificationView(String odsCode, LocalDate ratifiedOn) {
    }

    record DecisionView(String id, String partnershipId, String title, String theme, String forumId,
                        String serviceChangeId, List<String> decidingOdsCodes, String outcome, String rationale,
                        LocalDate decidedOn, Instant recordedAt, String status, LocalDate statusOn,
                        String statusReason, String supersedes, String supersededBy,
                        List<RatificationView> ratifications, List<String> awaitingRatification,
                        List<TimelineQueries.Entry> history) {
    }

    /** Decision history, newest first by decidedOn, then by recorded time. */
    @GetMapping("/api/partnerships/{partnershipId}/decisions")
    List<DecisionView> decisions(@PathVariable String partnershipId, @RequestParam(required = false) ThemeCode theme,
                                 @RequestParam(required = false) String serviceChangeId,
                                 @RequestParam(required = false) DecisionStatus status,
                                 @RequestParam(required = false) String asOf,
                                 @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        PartnershipRecord record = queries.record(partnershipId, context.asOf(asOf));
        Map<String, List<Ratification>> ratifications = record.ratifications().stream()
                .collect(Collectors.groupingBy(Ratification::decisionId));
        return record.decisions().stream()
                .filter(d -> theme == null || d.theme().equals(theme.name()))
                .filter(d -> serviceChangeId == null || serviceChangeId.equals(d.serviceChangeId()))
                .filter(d -> status == null || d.status().equals(status.name()))
                .map(d -> view(d, ratifications.getOrDefault(d.id(), List.of()), null))
                .toList();
    }

    @GetMapping("/api/partnerships/{partnershipId}/decisions.csv")
    ResponseEntity<byte[]> csv(@PathVariable String partnershipId, @RequestParam(required = false) ThemeCode theme,
                               @RequestParam(required = false) String serviceChangeId,
                               @RequestParam(required = false) DecisionStatus status,
                               @RequestParam(required = false) String asOf,
                               @RequestParam(required = false) Long minPosition) {
        List<List<?>> rows = decisions(partnershipId, theme, serviceChangeId, status, asOf, minPosition).stream()
                .<List<?>>map(d -> List.<Object>of(d.id(), d.partnershipId(), d.title(), d.theme(), nn(d.forumId()),
                        nn(d.serviceChangeId()), String.join(" ", d.decidingOdsCodes()), d.outcome(),
                        nn(d.rationale()), d.decidedOn(), d.status(), nn(d.supersedes()), nn(d.supersededBy()),
                        d.ratifications().stream().map(r -> r.odsCode() + " " + r.ratifiedOn())
                                .collect(Collectors.joining("; ")),
                        String.join(" ", d.awaitingRatification())))
                .toList();
        return Csv.export(partnershipId + "-decisions.csv", List.of("id", "partnershipId", "title", "theme",
                "forumId", "serviceChangeId", "decidingOdsCodes", "outcome", "rationale", "decidedOn", "status",
                "supersedes", "supersededBy", "ratifications", "awaitingRatification"), rows);
    }

    @GetMapping("/api/decisions/{decisionId}")
    DecisionView decision(@PathVariable String decisionId, @RequestParam(required = false) String asOf,
                          @RequestParam(required = false) Long minPosition) {
        context.awaitPosition(minPosition);
        Instant at = context.asOf(asOf);
        Decision decision = queries.reader().decision(decisionId, at)
                .orElseThrow(() -> new NotFound("decision", decisionId));
        context.requireReadable(decision.partnershipId());
        return view(decision, queries.reader().ratifications(decisionId, at), timeline.history(decisionId));
    }

    private static DecisionView view(Decision d, List<Ratification> ratifications,
                                     List<TimelineQueries.Entry> history) {
        List<String> ratifiedBy = ratifications.stream().map(Ratification::odsCode).toList();
        return new DecisionView(d.id(), d.partnershipId(), d.title(), d.theme(), d.forumId(), d.serviceChangeId(),
                d.decidingOdsCodes(), d.outcome(), d.rationale(), d.decidedOn(), d.recordedAt(), d.status(),
                d.statusOn(), d.statusReason(), d.supersedes(), d.supersededBy(),
                ratifications.stream().map(r -> new RatificationView(r.odsCode(), r.ratifiedOn())).toList(),
                d.decidingOdsCodes().stream().filter(ods -> !ratifiedBy.contains(ods)).toList(), history);
    }

    private static String nn(String value) {
        return value == null ? "" : value;
    }
}
