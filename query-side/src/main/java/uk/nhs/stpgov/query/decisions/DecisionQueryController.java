package uk.nhs.stpgov.query.decisions;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import uk.nhs.stpgov.query.answers.AnswerCache;
import uk.nhs.stpgov.query.partnership.PartnershipReader;
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
    private final AnswerCache answers;
    private final PartnershipReader partnerships;

    DecisionQueryController(DecisionReader decisions, TimelineQueries timeline, QueryContext context,
                            AnswerCache answers, PartnershipReader partnerships) {
        this.decisions = decisions;
        this.timeline = timeline;
        this.context = context;
        this.answers = answers;
        this.partnerships = partnerships;
    }

    /** {@code ratifiedOn} is the day of the answer; a declined one has {@code declined} and its reason. */
    record RatificationView(String odsCode, LocalDate ratifiedOn, boolean declined, String reason) {
    }

    record DecisionView(String id, String partnershipId, String title, ThemeCode theme, String forumId,
                        String serviceChangeId, List<String> decidingOdsCodes, String outcome, String rationale,
                        LocalDate decidedOn, Instant recordedAt, DecisionStatus status, LocalDate statusOn,
                        String statusReason, String supersedes, String supersededBy, String reference,
                        List<DecisionReader.Position> positions, List<RatificationView> ratifications,
                        List<Bindings.Binding> bindings, List<String> awaitingRatification,
                        List<TimelineQueries.Entry> history) {
    }

    /** Decision history, newest first by decidedOn, then by recorded time; a page at a time. */
    @GetMapping("/api/partnerships/{partnershipId}/decisions")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = DecisionView.class))))
    ResponseEntity<?> decisions(@PathVariable String partnershipId,
                                @RequestParam(required = false) ThemeCode theme,
                                @RequestParam(required = false) String serviceChangeId,
                                @RequestParam(required = false) DecisionStatus status,
                                @RequestParam(required = false) String asOf,
                                @RequestParam(required = false) String on,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String after,
                                @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = day(on);
        DecisionReader.Filter filter = new DecisionReader.Filter(theme, serviceChangeId, status);
        int size = Paging.limit(limit, DEFAULT_LIMIT);
        // 404 for a partnership unknown (or not yet registered as of asOf), as the map and timeline answer: an empty
        // list would say it exists and decided nothing. Checked where the page is read, so a kept page (only a known
        // partnership's is kept: a refusal is never kept) costs no statement more, as with the map.
        if (at != null) {
            partnerships.require(partnershipId, at);
            Page<Ratified> page = decisions.page(partnershipId, at, day, filter, after, size);
            return Paging.withNext(page.rows().stream().map(r -> view(r, null)).toList(), page.next());
        }
        AnswerCache.Answer answer = answers.answer(partnershipId, String.join("|", "decisions", String.valueOf(theme),
                String.valueOf(serviceChangeId), String.valueOf(status), String.valueOf(day), String.valueOf(after),
                String.valueOf(size)),
                () -> {
                    partnerships.require(partnershipId, null);
                    Page<Ratified> page = decisions.page(partnershipId, null, day, filter, after, size);
                    return new AnswerCache.Paged(page.rows().stream().map(r -> view(r, null)).toList(), page.next());
                });
        return Paging.json(answer.json(), answer.next());
    }

    /** The whole history that passes the filters, streamed: never cut, never all in memory. */
    @GetMapping("/api/partnerships/{partnershipId}/decisions.csv")
    void csv(@PathVariable String partnershipId, @RequestParam(required = false) ThemeCode theme,
             @RequestParam(required = false) String serviceChangeId,
             @RequestParam(required = false) DecisionStatus status, @RequestParam(required = false) String asOf,
             @RequestParam(required = false) String on, @RequestParam(required = false) Long minPosition,
             HttpServletResponse response) throws IOException {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = day(on);
        partnerships.require(partnershipId, at);
        try (Csv.Writer csv = Csv.stream(response, partnershipId + "-decisions.csv", List.of("id", "partnershipId",
                "title", "theme", "forumId", "serviceChangeId", "decidingOdsCodes", "outcome", "rationale",
                "decidedOn", "status", "supersedes", "supersededBy", "ratifications", "awaitingRatification", "reference",
                "bindings", "positions"))) {
            decisions.each(partnershipId, at, day, new DecisionReader.Filter(theme, serviceChangeId, status), r -> {
                DecisionView d = view(r, null);
                csv.row(List.of(d.id(), d.partnershipId(), d.title(), d.theme(), nn(d.forumId()),
                        nn(d.serviceChangeId()), String.join(" ", d.decidingOdsCodes()), d.outcome(),
                        nn(d.rationale()), d.decidedOn(), d.status(), nn(d.supersedes()), nn(d.supersededBy()),
                        // A declined answer says so: it is not a ratification.
                        d.ratifications().stream().map(x -> x.odsCode() + " " + (x.declined() ? "DECLINED " : "")
                                + x.ratifiedOn()).collect(Collectors.joining("; ")),
                        String.join(" ", d.awaitingRatification()), nn(d.reference()),
                        // A successor's binding names the deciding body it stands for, as the JSON's succeededFrom
                        // does (a body that took over two merged CCGs is bound once for each).
                        d.bindings().stream().map(b -> b.odsCode() + " " + b.basis() + " " + b.since()
                                        + (b.succeededFrom() == null ? "" : " (for " + b.succeededFrom() + ")"))
                                .collect(Collectors.joining("; ")),
                        d.positions().stream().map(p -> p.odsCode() + " " + p.position())
                                .collect(Collectors.joining("; "))));
            });
        }
    }

    @GetMapping("/api/decisions/{decisionId}")
    DecisionView decision(@PathVariable String decisionId, @RequestParam(required = false) String asOf,
                          @RequestParam(required = false) String on,
                          @RequestParam(required = false) Long minPosition) {
        context.awaitPosition(minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = day(on);
        Ratified decision = decisions.ratified(decisionId, at, day)
                .orElseThrow(() -> day == null ? new NotFound("decision", decisionId)
                        : new NotFound("decision taken by " + day, decisionId));
        context.requireReadable(decision.decision().partnershipId());
        return view(decision, timeline.history(decisionId, at));
    }

    /**
     * The business day a decision is judged on, only when asked: without {@code on} a decision shows every answer
     * and status change recorded, whatever its date (as it did before decisions took {@code on}).
     */
    private LocalDate day(String on) {
        return on == null || on.isBlank() ? null : context.on(on);
    }

    /** {@code awaitingRatification}: the bodies whose binding is PENDING, each once. */
    private static DecisionView view(Ratified r, List<TimelineQueries.Entry> history) {
        Decision d = r.decision();
        return new DecisionView(d.id(), d.partnershipId(), d.title(), d.theme(), d.forumId(), d.serviceChangeId(),
                d.decidingOdsCodes(), d.outcome(), d.rationale(), d.decidedOn(), d.recordedAt(), d.status(),
                d.statusOn(), d.statusReason(), d.supersedes(), d.supersededBy(), d.reference(), d.positions(),
                r.ratifications().stream().map(x -> new RatificationView(x.odsCode(), x.ratifiedOn(), x.declined(),
                        x.reason())).toList(),
                r.bindings(), r.bindings().stream().filter(b -> b.basis() == Bindings.Basis.PENDING)
                        .map(Bindings.Binding::odsCode).distinct().toList(), history);
    }

    private static String nn(String value) {
        return value == null ? "" : value;
    }
}
