package uk.nhs.stpgov.query.servicechange;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.query.servicechange.ServiceChangeReader.ServiceChange;
import uk.nhs.stpgov.query.timeline.TimelineQueries;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.QueryContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RestController
class ServiceChangeQueryController {
    private final ServiceChangeReader serviceChanges;
    private final ServiceChangeHistory history;
    private final TimelineQueries timeline;
    private final QueryContext context;

    ServiceChangeQueryController(ServiceChangeReader serviceChanges, ServiceChangeHistory history, TimelineQueries timeline,
                                 QueryContext context) {
        this.serviceChanges = serviceChanges;
        this.history = history;
        this.timeline = timeline;
        this.context = context;
    }

    record ServiceChangeView(String id, String partnershipId, String title, String kind, List<String> themes,
                             String leadOdsCode, String description, String stage, Instant proposedAt,
                             LocalDate proposedOn, boolean substantial,
                             List<ServiceChangeHistory.AssuranceTestView> assuranceTests,
                             List<ServiceChangeHistory.StageMove> stageHistory, List<TimelineQueries.Entry> history) {
    }

    /**
     * As recorded at {@code asOf} (default now) and, with {@code on}, as it stood that business day: proposed by then
     * (else 404), the stage it was in (the last move made by that day), the moves made by then and each assurance
     * test's result in force (assessed by then). Without {@code on}, every recorded fact counts, whatever its date.
     */
    @GetMapping("/api/service-changes/{serviceChangeId}")
    ServiceChangeView serviceChange(@PathVariable String serviceChangeId, @RequestParam(required = false) String asOf,
                                    @RequestParam(required = false) String on,
                                    @RequestParam(required = false) Long minPosition) {
        context.awaitPosition(minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = on == null || on.isBlank() ? null : context.on(on);
        ServiceChange change = serviceChanges.serviceChange(serviceChangeId, at)
                .orElseThrow(() -> new NotFound("service change", serviceChangeId));
        context.requireReadable(change.partnershipId());
        if (day != null && change.proposedOn().isAfter(day)) {
            throw new NotFound("service change proposed by " + day, serviceChangeId);
        }
        Instant recorded = at == null ? context.asOf(null) : at;
        List<ServiceChangeHistory.StageMove> moves = history.stageMoves(serviceChangeId, recorded, day,
                context.businessZone());
        String stage = day == null ? change.stage() : moves.isEmpty() ? Stage.PROPOSED.name()
                : moves.get(moves.size() - 1).to();
        return new ServiceChangeView(change.id(), change.partnershipId(), change.title(), change.kind(),
                change.themes(), change.leadOdsCode(), change.description(), stage, change.proposedAt(),
                change.proposedOn(), change.substantial(), history.assuranceTests(serviceChangeId, recorded, day),
                moves, timeline.history(serviceChangeId, at));
    }
}
