package uk.nhs.stpgov.query.gaps;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.query.common.GovernanceQueries;
import uk.nhs.stpgov.query.common.Rows.Partnership;
import uk.nhs.stpgov.query.web.QueryContext;

import java.time.Instant;
import java.util.List;

@RestController
class GapQueryController {
    private final GovernanceQueries queries;
    private final QueryContext context;

    GapQueryController(GovernanceQueries queries, QueryContext context) {
        this.queries = queries;
        this.context = context;
    }

    @GetMapping("/api/partnerships/{partnershipId}/gaps")
    List<Gap> gaps(@PathVariable String partnershipId, @RequestParam(required = false) String asOf,
                   @RequestParam(required = false) Gap.Kind kind, @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        return filter(queries.gaps(queries.record(partnershipId, context.asOf(asOf))), kind);
    }

    /** Gaps across every partnership the caller may read. */
    @GetMapping("/api/gaps")
    List<Gap> allGaps(@RequestParam(required = false) Gap.Kind kind, @RequestParam(required = false) String asOf,
                      @RequestParam(required = false) Long minPosition) {
        context.awaitPosition(minPosition);
        Instant at = context.asOf(asOf);
        return queries.reader().partnerships(at).stream()
                .map(Partnership::id)
                .filter(context::mayRead)
                .flatMap(id -> filter(queries.gaps(queries.record(id, at)), kind).stream())
                .toList();
    }

    private static List<Gap> filter(List<Gap> gaps, Gap.Kind kind) {
        return kind == null ? gaps : gaps.stream().filter(g -> g.kind() == kind).toList();
    }
}
