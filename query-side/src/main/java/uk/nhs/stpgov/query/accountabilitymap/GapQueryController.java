package uk.nhs.stpgov.query.accountabilitymap;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.gaps.Gap;
import uk.nhs.stpgov.query.gaps.GapKind;
import uk.nhs.stpgov.query.support.Paging;
import uk.nhs.stpgov.query.web.PartnershipAccess;
import uk.nhs.stpgov.query.web.QueryContext;

import java.time.Instant;
import java.util.List;

/** Gaps are read from the map read model: the subjects that have any, never every record. */
@RestController
class GapQueryController {
    private static final int DEFAULT_LIMIT = 500;

    private final MapReader maps;
    private final QueryContext context;

    GapQueryController(MapReader maps, QueryContext context) {
        this.maps = maps;
        this.context = context;
    }

    @GetMapping("/api/partnerships/{partnershipId}/gaps")
    ResponseEntity<List<Gap>> gaps(@PathVariable String partnershipId, @RequestParam(required = false) String asOf,
                                   @RequestParam(required = false) String on,
                                   @RequestParam(required = false) GapKind kind,
                                   @RequestParam(required = false) ThemeCode theme,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String after,
                                   @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        maps.requireExists(partnershipId, at);
        return Paging.answer(maps.gaps(List.of(partnershipId), at, context.on(on), kind, theme, after,
                Paging.limit(limit, DEFAULT_LIMIT)));
    }

    /** Gaps across every partnership the caller may read. */
    @GetMapping("/api/gaps")
    ResponseEntity<List<Gap>> allGaps(@RequestParam(required = false) GapKind kind,
                                      @RequestParam(required = false) ThemeCode theme,
                                      @RequestParam(required = false) String asOf,
                                      @RequestParam(required = false) String on,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String after,
                                      @RequestParam(required = false) Long minPosition) {
        context.awaitPosition(minPosition);
        List<String> readable = context.readablePartnerships().map(ids -> ids.stream().sorted().toList())
                .orElse(null);
        return Paging.answer(maps.gaps(readable, context.pastInstant(asOf), context.on(on), kind, theme, after,
                Paging.limit(limit, DEFAULT_LIMIT)));
    }
}
