package uk.nhs.stpgov.query.accountabilitymap;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.events.SubjectType;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Entry;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Holder;
import uk.nhs.stpgov.query.answers.AnswerCache;
import uk.nhs.stpgov.query.gaps.GapKind;
import uk.nhs.stpgov.query.support.Paging;
import uk.nhs.stpgov.query.web.Csv;
import uk.nhs.stpgov.query.web.QueryContext;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@RestController
class AccountabilityMapQueryController {
    private static final int DEFAULT_LIMIT = 200;
    private static final List<String> CSV_HEADER = List.of("partnershipId", "subjectType", "subjectRef",
            "subjectTitle", "theme", "role", "odsCode", "organisation", "post", "personName", "effectiveFrom",
            "reviewBy", "accepted", "joint", "pending", "gaps", "accountabilityId", "succeededFrom");

    private final MapReader maps;
    private final QueryContext context;
    private final AnswerCache answers;

    AccountabilityMapQueryController(MapReader maps, QueryContext context, AnswerCache answers) {
        this.maps = maps;
        this.context = context;
        this.answers = answers;
    }

    @GetMapping("/api/partnerships/{partnershipId}/accountability-map")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AccountabilityMap.class)))
    ResponseEntity<?> map(@PathVariable String partnershipId,
                          @RequestParam(required = false) String asOf,
                          @RequestParam(required = false) String on,
                          @RequestParam(required = false) ThemeCode theme,
                          @RequestParam(required = false) SubjectType subjectType,
                          @RequestParam(required = false) GapKind gapKind,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String after,
                          @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = context.on(on);
        MapReader.Filter filter = new MapReader.Filter(theme, subjectType, gapKind);
        int size = Paging.limit(limit, DEFAULT_LIMIT);
        if (at != null) {
            MapReader.Written map = maps.json(partnershipId, at, day, filter, after, size);
            return Paging.json(map.json(), map.next());
        }
        // The current map is kept with no asOf; the instant of each answer is written into it as it is sent.
        AnswerCache.Answer answer = answers.answer(partnershipId, String.join("|", "map", day.toString(),
                String.valueOf(theme), String.valueOf(subjectType), String.valueOf(gapKind), String.valueOf(after),
                String.valueOf(size)), () -> {
            maps.requireExists(partnershipId, null);
            MapReader.Written map = maps.json(partnershipId, null, day, filter, after, size);
            return new AnswerCache.Paged(map.json(), map.next());
        });
        return Paging.withNext(answers.withInstant(answer.json(), "asOf", context.asOf(null)), answer.next());
    }

    /** The whole map, every subject and holder, streamed page by page: never cut, never all in memory. */
    @GetMapping("/api/partnerships/{partnershipId}/accountability-map.csv")
    void csv(@PathVariable String partnershipId, @RequestParam(required = false) String asOf,
             @RequestParam(required = false) String on, @RequestParam(required = false) ThemeCode theme,
             @RequestParam(required = false) SubjectType subjectType,
             @RequestParam(required = false) GapKind gapKind,
             @RequestParam(required = false) Long minPosition, HttpServletResponse response) throws IOException {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        maps.requireExists(partnershipId, at);
        LocalDate day = context.on(on);
        try (Csv.Writer csv = Csv.stream(response, partnershipId + "-accountability-map.csv", CSV_HEADER)) {
            maps.each(partnershipId, at, day, new MapReader.Filter(theme, subjectType, gapKind), entry -> {
                String gaps = entry.gaps().stream().map(g -> g.kind().name()).distinct()
                        .collect(Collectors.joining(" "));
                List<Holder> holders = Stream.of(entry.accountable(), entry.responsible(), entry.consulted(),
                        entry.informed(), entry.pending()).flatMap(List::stream).toList();
                if (holders.isEmpty()) {
                    csv.row(row(partnershipId, entry, null, gaps));
                }
                for (Holder holder : holders) {
                    csv.row(row(partnershipId, entry, holder, gaps));
                }
            });
        }
    }

    private static List<?> row(String partnershipId, Entry entry, Holder holder, String gaps) {
        boolean pending = holder != null && entry.pending().contains(holder);
        List<Object> row = new ArrayList<>(List.of(partnershipId, entry.subject().type(), entry.subject().ref(),
                entry.subject().title() == null ? "" : entry.subject().title(),
                entry.subject().theme() == null ? "" : entry.subject().theme()));
        if (holder == null) {
            row.addAll(Collections.nCopies(10, null));
        } else {
            row.addAll(Arrays.asList(holder.role(), holder.odsCode(), holder.organisation(), holder.post(),
                    holder.personName(), holder.effectiveFrom(), holder.reviewBy(), holder.accepted(), holder.joint(),
                    pending));
        }
        row.add(gaps);
        // Added after the first columns, so a reader of the earlier columns by position still reads them.
        row.add(holder == null ? null : holder.accountabilityId());
        row.add(holder == null ? null : holder.succeededFrom());
        return row;
    }
}
