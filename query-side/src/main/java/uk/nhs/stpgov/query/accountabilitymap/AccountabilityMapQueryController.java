package uk.nhs.stpgov.query.accountabilitymap;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Entry;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Holder;
import uk.nhs.stpgov.query.web.Csv;
import uk.nhs.stpgov.query.web.QueryContext;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@RestController
class AccountabilityMapQueryController {
    private final AccountabilityMapService maps;
    private final QueryContext context;

    AccountabilityMapQueryController(AccountabilityMapService maps, QueryContext context) {
        this.maps = maps;
        this.context = context;
    }

    @GetMapping("/api/partnerships/{partnershipId}/accountability-map")
    AccountabilityMap map(@PathVariable String partnershipId, @RequestParam(required = false) String asOf,
                          @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        return maps.map(partnershipId, context.asOf(asOf));
    }

    @GetMapping("/api/partnerships/{partnershipId}/accountability-map.csv")
    ResponseEntity<byte[]> csv(@PathVariable String partnershipId, @RequestParam(required = false) String asOf,
                               @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        AccountabilityMap map = maps.map(partnershipId, context.asOf(asOf));
        List<List<?>> rows = new ArrayList<>();
        for (Entry entry : map.subjects()) {
            String gaps = entry.gaps().stream().map(g -> g.kind().name()).distinct().collect(Collectors.joining(" "));
            List<Holder> holders = Stream.of(entry.accountable(), entry.responsible(), entry.consulted(),
                    entry.informed(), entry.pending()).flatMap(List::stream).toList();
            if (holders.isEmpty()) {
                rows.add(row(map, entry, null, gaps));
            }
            for (Holder holder : holders) {
                rows.add(row(map, entry, holder, gaps));
            }
        }
        return Csv.export(partnershipId + "-accountability-map.csv", List.of("partnershipId", "subjectType",
                "subjectRef", "subjectTitle", "theme", "role", "odsCode", "organisation", "post", "personName",
                "effectiveFrom", "reviewBy", "accepted", "joint", "pending", "gaps"), rows);
    }

    private static List<?> row(AccountabilityMap map, Entry entry, Holder holder, String gaps) {
        boolean pending = holder != null && entry.pending().contains(holder);
        List<Object> row = new ArrayList<>(List.of(map.partnershipId(), entry.subject().type(), entry.subject().ref(),
                entry.subject().title() == null ? "" : entry.subject().title(), entry.subject().theme()));
        if (holder == null) {
            row.addAll(java.util.Collections.nCopies(10, null));
        } else {
            row.addAll(java.util.Arrays.asList(holder.role(), holder.odsCode(), holder.organisation(), holder.post(),
                    holder.personName(), holder.effectiveFrom(), holder.reviewBy(), holder.accepted(), holder.joint(),
                    pending));
        }
        row.add(gaps);
        return row;
    }
}
