package uk.nhs.stpgov.query.accountabilitymap;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.query.gaps.GapKind;

import java.time.LocalDate;
import java.util.List;

/** What a row of q_map_subject holds. */
final class MapRows {
    private MapRows() {
    }

    record Key(String type, String ref) {
    }

    /** One live assignment of the subject, as stored in the row's {@code holders}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredHolder(String accountabilityId, RaciRole role, String odsCode, String organisation, String post,
                        String personName, LocalDate effectiveFrom, LocalDate reviewBy, LocalDate acceptedOn,
                        boolean joint) {
    }

    /** One gap window, as stored in the row's {@code gaps}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredWindow(GapKind kind, String detail, LocalDate since, String accountabilityId, LocalDate from,
                        LocalDate until) {
        boolean showsOn(LocalDate day) {
            return !from.isAfter(day) && (until == null || day.isBefore(until));
        }
    }

    /** A subject's row, as written by the projection and read by the queries. */
    record SubjectRow(String partnershipId, Key key, String sortKey, String title, String theme, List<String> themes,
                      List<String> odsCodes, List<StoredHolder> holders, List<StoredWindow> windows) {
    }
}
