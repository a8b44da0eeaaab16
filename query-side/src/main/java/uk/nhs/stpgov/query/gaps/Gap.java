package uk.nhs.stpgov.query.gaps;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/** A place where nobody is clearly accountable (DESIGN §1), with the date it began. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gap(String partnershipId, Kind kind, SubjectRef subject, String detail, LocalDate since,
                  String accountabilityId) {

    public enum Kind {
        NO_ACCOUNTABLE, JOINT_ACCOUNTABLE, NOT_ACCEPTED, HOLDER_WITHDRAWN, REVIEW_OVERDUE, NO_STATUTORY_DECIDER,
        RATIFICATION_PENDING, NO_LEAD
    }

    public record SubjectRef(String type, String ref, String title) {
    }
}
