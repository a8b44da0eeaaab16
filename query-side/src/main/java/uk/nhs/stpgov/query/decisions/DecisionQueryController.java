package uk.nhs.stpgov.query.decisions;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.decisions.DecisionReader.Decision;
import uk.nhs.stpgov.query.decisions.DecisionReader.Ratification;
import uk.nhs.stpgov.query.decisions.DecisionReader.Ratified;
import uk.nhs.stpgov.query.support.Paging;
import uk.nhs.stpgov.query.support.Paging.Page;
import uk.nhs.stpgov.query.timeline.TimelineQueries;
import uk.nhs.stpgov.query.web.Csv;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.QueryContext;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

@RestController
class DecisionQueryController {
    private static final int DEFAULT_LIMIT = 500;

    private final DecisionReader decisions;
    private final TimelineQueries timeline;
    private final QueryContext context;

    DecisionQueryController(DecisionReader decisions, TimelineQueries timeline, QueryContext context) {
        this.decisions = decisions;
        this.timeline = timeline;
        this.context = context;
    }

    record RatificationView(String odsCode, LocalDate ratifiedOn) {
    }

    record DecisionView(String id, String partnershipId, String title, ThemeCode theme, String forumId,
                        String serviceChangeId, List<String> decidingOdsCodes, String outcome, String rationale,
                        LocalDate decidedOn, Instant recordedAt, DecisionStatus status, LocalDate statusOn,
                        String statusReason, String supersedes, String supersededBy,
                        List<RatificationView> ratifications, List<String> awaitingRatification,
                        List<TimelineQueries.Entry> history) {
    }

    /** Decision history, newest first by decidedOn, then by recorded time; a page at a time. */
    @GetMapping("/api/partnerships/{partnershipId}/decisions")
    ResponseEntity<List<DecisionView>> decisions(@PathVariable String partnershipId,
                                                 @RequestParam(required = false) ThemeCode theme,
                                                 @RequestParam(required = false) String serviceChangeId,
                                                 @RequestParam(required = false) DecisionStatus status,
                                                 @RequestParam(required = false) String asOf,
                                                 @RequestParam(required = false) Integer limit,
                                                 @RequestParam(required = false) String after,
                                                 @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Page<Ratified> page = decisions.page(partnershipId, context.pastInstant(asOf),
                new DecisionReader.Filter(theme, serviceChangeId, status), after, Paging.limit(limit, DEFAULT_LIMIT));
        return Paging.withNext(page.rows().stream().map(r -> view(r.decision(), r.ratifications(), null)).toList(),
                page.next());
    }

    /** The whole history that passes the filters, streamed: never cut, never all in memory. */
    @GetMapping("/api/partnerships/{partnershipId}/decisions.csv")
    void csv(@PathVariable String partnershipId, @RequestParam(required = false) ThemeCode theme,
             @RequestParam(required = false) String serviceChangeId,
             @RequestParam(required = false) DecisionStatus status, @RequestParam(required = false) String asOf,
             @RequestParam(required = false) Long minPosition, HttpServletResponse response) throws IOException {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        try (Csv.Writer csv = Csv.stream(response, partnershipId + "-decisions.csv", List.of("id", "partnershipId",
                "title", "theme", "forumId", "serviceChangeId", "decidingOdsCodes", "outcome", "rationale",
                "decidedOn", "status", "supersedes", "supersededBy", "ratifications", "awaitingRatification"))) {
            decisions.each(partnershipId, at, new DecisionReader.Filter(theme, serviceChangeId, status), r -> {
                DecisionView d = view(r.decision(), r.ratifications(), null);
                csv.row(List.of(d.id(), d.partnershipId(), d.title(), d.theme(), nn(d.forumId()),
                        nn(d.serviceChangeId()), String.join(" ", d.decidingOdsCodes()), d.outcome(),
                        nn(d.rationale()), d.decidedOn(), d.status(), nn(d.supersedes()), nn(d.supersededBy()),
                        d.ratifications().stream().map(x -> x.odsCode() + " " + x.ratifiedOn())
                                .collect(Collectors.joining("; ")),
                        String.join(" ", d.awaitingRatification())));
            });
        }
    }

    @GetMapping("/api/decisions/{decisionId}")
    DecisionView decision(@PathVariable String decisionId, @RequestParam(required = false) String asOf,
                          @RequestParam(required = false) Long minPosition) {
        context.awaitPosition(minPosition);
        Instant at = context.pastInstant(asOf);
        Decision decision = decisions.decision(decisionId, at)
                .orElseThrow(() -> new NotFound("decision", decisionId));
        context.requireReadable(decision.partnershipId());
        return view(decision, decisions.ratifications(decisionId, at), timeline.history(decisionId));
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
