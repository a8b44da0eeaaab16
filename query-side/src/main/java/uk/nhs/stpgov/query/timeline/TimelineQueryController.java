package uk.nhs.stpgov.query.timeline;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.query.common.GovernanceQueries;
import uk.nhs.stpgov.query.support.Paging;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.QueryContext;

import java.util.List;

@RestController
class TimelineQueryController {
    private final TimelineQueries timeline;
    private final GovernanceQueries queries;
    private final QueryContext context;

    TimelineQueryController(TimelineQueries timeline, GovernanceQueries queries, QueryContext context) {
        this.timeline = timeline;
        this.queries = queries;
        this.context = context;
    }

    @GetMapping("/api/partnerships/{partnershipId}/timeline")
    ResponseEntity<List<TimelineQueries.Entry>> timeline(@PathVariable String partnershipId,
                                                         @RequestParam(required = false) Integer limit,
                                                         @RequestParam(required = false) String after,
                                                         @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        if (queries.reader().partnership(partnershipId, context.asOf(null)).isEmpty()) {
            throw new NotFound("partnership", partnershipId);
        }
        return Paging.answer(timeline.ofPartnership(partnershipId, after, Paging.limit(limit, 500)));
    }
}
