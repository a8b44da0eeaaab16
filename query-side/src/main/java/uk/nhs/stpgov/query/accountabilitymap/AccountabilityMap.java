package uk.nhs.stpgov.query.accountabilitymap;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.stpgov.query.gaps.Gap;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Who is Accountable, Responsible, Consulted and Informed for each subject, and what is missing: one page of
 * subjects in a stable order, the counts of the whole map, and the cursor of the next page (DESIGN §4).
 */
public record AccountabilityMap(String partnershipId, Instant asOf, LocalDate on, Summary summary,
                                List<Entry> subjects, String next) {

    /** Counts over the whole map (every page), judged on the same day. */
    public record Summary(long subjects, long subjectsWithGaps, Map<String, Long> gaps) {
    }

    public record Entry(Subject subject, List<Holder> accountable, List<Holder> responsible, List<Holder> consulted,
                        List<Holder> informed, List<Holder> pending, List<Gap> gaps) {
    }

    public record Subject(String type, String ref, String title, String theme, List<String> themes) {
    }

    /**
     * {@code succeededFrom}: the body this holder took the assignment over from by succession. {@code acceptedOn} is
     * always shown, null until the day of the acceptance, as the accountabilities list and the single record show it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Holder(String accountabilityId, String role, String odsCode, String organisation, String post,
                         String personName, LocalDate effectiveFrom, LocalDate reviewBy, boolean accepted,
                         @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate acceptedOn, boolean joint,
                         String succeededFrom) {
    }
}
