package uk.nhs.stpgov.query.assessments;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.query.common.GovernanceQueries;
import uk.nhs.stpgov.query.web.QueryContext;

/** Theme ratings and leaders' confidence over time. */
@RestController
class AssessmentQueryController {
    private final AssessmentQueries assessments;
    private final GovernanceQueries queries;
    private final QueryContext context;

    AssessmentQueryController(AssessmentQueries assessments, GovernanceQueries queries, QueryContext context) {
        this.assessments = assessments;
        this.queries = queries;
        this.context = context;
    }

    @GetMapping("/api/partnerships/{partnershipId}/assessments")
    AssessmentQueries.Assessments assessments(@PathVariable String partnershipId,
                                              @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        queries.record(partnershipId, context.asOf(null));
        return assessments.of(partnershipId);
    }
}
