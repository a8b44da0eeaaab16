package uk.nhs.stpgov.query.accountabilitymap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityReader.Accountability;
import uk.nhs.stpgov.query.timeline.TimelineQueries;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.QueryContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RestController
class AccountabilityQueryController {
    private final AccountabilityReader accountabilities;
    private final TimelineQueries timeline;
    private final QueryContext context;

    AccountabilityQueryController(AccountabilityReader accountabilities, TimelineQueries timeline, QueryContext context) {
        this.accountabilities = accountabilities;
        this.timeline = timeline;
        this.context = context;
    }

    record SubjectView(String type, String ref) {
    }

    /**
     * The holder on the day asked about ({@code on}: a transfer dated ahead takes effect on its day; once
     * relinquished, the holder it was relinquished by) with its acceptance; {@code succeededFrom}: the organisation
     * it took the assignment over from by succession. {@code status} that day: PENDING before effectiveFrom, ACTIVE
     * while held, RELINQUISHED after.
     */
    record AccountabilityView(String id, String partnershipId, SubjectView subject, List<String> themes, String role,
                              String odsCode, String post, String personName, LocalDate effectiveFrom,
                              LocalDate reviewBy, boolean joint, boolean accepted, LocalDate acceptedOn,
                              String status, LocalDate relinquishedOn, LocalDate reviewedOn, String succeededFrom,
                              List<TimelineQueries.Entry> history) {
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
        LocalDate day = context.on(on);
        // A relinquishment dated ahead takes effect on its day.
        String status = a.relinquished() && !a.relinquishedOn().isAfter(day) ? "RELINQUISHED"
                : a.effectiveFrom().isAfter(day) ? "PENDING" : "ACTIVE";
        AccountabilityReader.Holder holder = a.holderOn(day);
        return new AccountabilityView(a.id(), a.partnershipId(), new SubjectView(a.subjectType(), a.subjectRef()),
                a.themes(), a.role(), holder.odsCode(), holder.post(), holder.personName(), a.effectiveFrom(),
                a.reviewByOn(day), a.joint(), holder.acceptedOn() != null, holder.acceptedOn(), status,
                a.relinquishedOn(), a.reviewedOn(day), holder.succeededFrom(), timeline.history(accountabilityId, at));
    }
}
