package uk.nhs.stpgov.query.servicechange;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.query.servicechange.ServiceChangeReader.ServiceChange;
import uk.nhs.stpgov.query.timeline.TimelineQueries;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.QueryContext;

import java.time.Instant;
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
                             java.time.LocalDate proposedOn, boolean substantial,
                             List<ServiceChangeHistory.AssuranceTestView> assuranceTests,
                             List<ServiceChangeHistory.StageMove> stageHistory, List<TimelineQueries.Entry> history) {
    }

    @GetMapping("/api/service-changes/{serviceChangeId}")
    ServiceChangeView serviceChange(@PathVariable String serviceChangeId, @RequestParam(required = false) String asOf,
                                    @RequestParam(required = false) Long minPosition) {
        context.awaitPosition(minPosition);
        Instant at = context.pastInstant(asOf);
        ServiceChange change = serviceChanges.serviceChange(serviceChangeId, at)
                .orElseThrow(() -> new NotFound("service change", serviceChangeId));
        context.requireReadable(change.partnershipId());
        Instant recorded = at == null ? context.asOf(null) : at;
        return new ServiceChangeView(change.id(), change.partnershipId(), change.title(), change.kind(),
                change.themes(), change.leadOdsCode(), change.description(), change.stage(), change.proposedAt(),
                change.proposedOn(), change.substantial(), history.assuranceTests(serviceChangeId, recorded),
                history.stageMoves(serviceChangeId, recorded), timeline.history(serviceChangeId, at));
    }
}
