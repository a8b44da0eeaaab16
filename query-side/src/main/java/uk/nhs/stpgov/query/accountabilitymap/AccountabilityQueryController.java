package uk.nhs.stpgov.query.accountabilitymap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.events.OdsCodes;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.SubjectType;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityReader.Accountability;
import uk.nhs.stpgov.query.support.Paging;
import uk.nhs.stpgov.query.support.Paging.Page;
import uk.nhs.stpgov.query.timeline.TimelineQueries;
import uk.nhs.stpgov.query.web.InvalidParameter;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.QueryContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RestController
class AccountabilityQueryController {
    private static final int DEFAULT_LIMIT = 500;

    private final AccountabilityReader accountabilities;
    private final MapReader maps;
    private final TimelineQueries timeline;
    private final QueryContext context;

    AccountabilityQueryController(AccountabilityReader accountabilities, MapReader maps, TimelineQueries timeline,
                                  QueryContext context) {
        this.accountabilities = accountabilities;
        this.maps = maps;
        this.timeline = timeline;
        this.context = context;
    }

    record SubjectView(String type, String ref) {
    }

    /**
     * The holder on the day asked about ({@code on}: a transfer dated ahead takes effect on its day; once
     * relinquished, the holder it was relinquished by) with its acceptance; {@code succeededFrom}: the organisation
     * it took the assignment over from by succession. {@code status} that day: PENDING before effectiveFrom, ACTIVE
     * while held, RELINQUISHED after. {@code history}: the record's events, on the single record only (a list leaves
     * it out: one read of the timeline per item would cost more than the page).
     */
    record AccountabilityView(String id, String partnershipId, SubjectView subject, List<String> themes, String role,
                              String odsCode, String post, String personName, LocalDate effectiveFrom,
                              LocalDate reviewBy, boolean joint, boolean accepted, LocalDate acceptedOn,
                              String status, LocalDate relinquishedOn, LocalDate reviewedOn, String succeededFrom,
                              @JsonInclude(JsonInclude.Include.NON_NULL)
                              @Schema(description = "The record's events: on /api/accountabilities/{id} only")
                              List<TimelineQueries.Entry> history) {
    }

    /**
     * Every assignment recorded for the partnership by {@code asOf}, relinquished and transferred ones included, each
     * as it stood on {@code on}; a keyset page at a time in the order subject (type, ref), role, effectiveFrom, id.
     */
    @GetMapping("/api/partnerships/{partnershipId}/accountabilities")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = AccountabilityView.class))))
    ResponseEntity<List<AccountabilityView>> accountabilities(@PathVariable String partnershipId,
                                                               @RequestParam(required = false) String asOf,
                                                               @RequestParam(required = false) String on,
                                                               @RequestParam(required = false) ThemeCode theme,
                                                               @RequestParam(required = false) SubjectType subjectType,
                                                               @RequestParam(required = false) RaciRole role,
                                                               @RequestParam(required = false) String odsCode,
                                                               @RequestParam(required = false) Integer limit,
                                                               @RequestParam(required = false) String after,
                                                               @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = context.on(on);
        if (odsCode != null && !OdsCodes.wellFormed(odsCode)) {
            throw new InvalidParameter("odsCode", "odsCode must be an ODS code such as RR8 or 15F, not '" + odsCode + "'");
        }
        int size = Paging.limit(limit, DEFAULT_LIMIT);
        maps.requireExists(partnershipId, at);
        Page<Accountability> page = accountabilities.page(partnershipId, at, day,
                new AccountabilityReader.Filter(theme, subjectType, role, odsCode), after, size);
        return Paging.withNext(page.rows().stream().map(a -> view(a, day, null)).toList(), page.next());
    }

    @GetMapping("/api/accountabilities/{accountabilityId}")
    AccountabilityView accountability(@PathVariable String accountabilityId,
                                      @RequestParam(required = false) String asOf,
                                      @RequestParam(required = false) String on,
                                      @RequestParam(required = false) Long minPosition) {
        context.awaitPosition(minPosition);
        Instant at = context.pastInstant(asOf);
        Accountability a = accountabilities.accountability(accountabilityId, at)
                .orElseThrow(() -> new NotFound("accountability", accountabilityId));
        context.requireReadable(a.partnershipId());
        return view(a, context.on(on), timeline.history(accountabilityId, at));
    }

    /** The assignment as it stood on {@code day}. */
    private static AccountabilityView view(Accountability a, LocalDate day, List<TimelineQueries.Entry> history) {
        // A relinquishment dated ahead takes effect on its day.
        String status = a.relinquished() && !a.relinquishedOn().isAfter(day) ? "RELINQUISHED"
                : a.effectiveFrom().isAfter(day) ? "PENDING" : "ACTIVE";
        AccountabilityReader.Holder holder = a.holderOn(day);
        return new AccountabilityView(a.id(), a.partnershipId(), new SubjectView(a.subjectType(), a.subjectRef()),
                a.themes(), a.role(), holder.odsCode(), holder.post(), holder.personName(), a.effectiveFrom(),
                a.reviewByOn(day), a.joint(), holder.acceptedOn() != null, holder.acceptedOn(), status,
                a.relinquishedOn(), a.reviewedOn(day), holder.succeededFrom(), history);
    }
}
