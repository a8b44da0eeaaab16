package uk.nhs.stpgov.query.timeline;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.query.partnership.PartnershipReader;
import uk.nhs.stpgov.query.support.Paging;
import uk.nhs.stpgov.query.web.QueryContext;

import java.time.Instant;
import java.util.List;

@RestController
class TimelineQueryController {
    private final TimelineQueries timeline;
    private final PartnershipReader partnerships;
    private final QueryContext context;

    TimelineQueryController(TimelineQueries timeline, PartnershipReader partnerships, QueryContext context) {
        this.timeline = timeline;
        this.partnerships = partnerships;
        this.context = context;
    }

    /**
     * The partnership's events in recorded order, as the record stood at {@code asOf} (null: now): those recorded by
     * then; 404 if it was not registered by then. The next page's Link keeps {@code asOf}.
     */
    @GetMapping("/api/partnerships/{partnershipId}/timeline")
    ResponseEntity<List<TimelineQueries.Entry>> timeline(@PathVariable String partnershipId,
                                                         @RequestParam(required = false) Integer limit,
                                                         @RequestParam(required = false) String after,
                                                         @RequestParam(required = false) String asOf,
                                                         @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        partnerships.require(partnershipId, at);
        return Paging.answer(timeline.ofPartnership(partnershipId, at, after, Paging.limit(limit, 500)));
    }
}
