package uk.nhs.stpgov.query.assessments;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.query.partnership.PartnershipReader;
import uk.nhs.stpgov.query.web.QueryContext;

/** Theme ratings and leaders' confidence over time. */
@RestController
class AssessmentQueryController {
    private final AssessmentQueries assessments;
    private final PartnershipReader partnerships;
    private final QueryContext context;

    AssessmentQueryController(AssessmentQueries assessments, PartnershipReader partnerships, QueryContext context) {
        this.assessments = assessments;
        this.partnerships = partnerships;
        this.context = context;
    }

    @GetMapping("/api/partnerships/{partnershipId}/assessments")
    AssessmentQueries.Assessments assessments(@PathVariable String partnershipId,
                                              @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        partnerships.require(partnershipId, null);
        return assessments.of(partnershipId);
    }
}
