package uk.nhs.stpgov.query.gaps;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/** A place where nobody is clearly accountable (DESIGN §1), with the date it began. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gap(String partnershipId, GapKind kind, SubjectRef subject, String detail, LocalDate since,
                  String accountabilityId) {

    public record SubjectRef(String type, String ref, String title) {
    }
}
