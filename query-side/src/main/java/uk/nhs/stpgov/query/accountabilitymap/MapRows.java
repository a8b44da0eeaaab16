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

    /**
     * One holder of one assignment of the subject, as stored in the row's {@code holders}: it holds from
     * {@code heldFrom} (null: from effectiveFrom) until the day before {@code until} (null: no end), so a transfer or
     * relinquishment changes the map only from its own day. {@code succeededFrom}: the body it took over from.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredHolder(String accountabilityId, RaciRole role, String odsCode, String organisation, String post,
                        String personName, LocalDate effectiveFrom, LocalDate reviewBy, LocalDate acceptedOn,
                        boolean joint, LocalDate heldFrom, LocalDate until, String succeededFrom) {
        LocalDate start() {
            return heldFrom == null ? effectiveFrom : heldFrom;
        }

        boolean holdsOn(LocalDate day) {
            return !start().isAfter(day) && (until == null || day.isBefore(until));
        }

        /** Not yet in effect on {@code day}: the assignment's first holder before effectiveFrom. */
        boolean pendingOn(LocalDate day) {
            return effectiveFrom.isAfter(day) && start().equals(effectiveFrom) && (until == null || until.isAfter(start()));
        }
    }

    /** A former holder as kept in q_accountability.former_holders. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FormerHolder(String odsCode, String post, String personName, LocalDate from, LocalDate until,
                        LocalDate acceptedOn, String succeededFrom) {
        FormerHolder accepted(LocalDate on) {
            return new FormerHolder(odsCode, post, personName, from, until, on, succeededFrom);
        }

        FormerHolder endingOn(LocalDate day) {
            return new FormerHolder(odsCode, post, personName, from, day, acceptedOn, succeededFrom);
        }
    }

    /** One gap window, as stored in the row's {@code gaps}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredWindow(GapKind kind, String detail, LocalDate since, String accountabilityId, LocalDate from,
                        LocalDate until) {
        boolean showsOn(LocalDate day) {
            return !from.isAfter(day) && (until == null || day.isBefore(until));
        }
    }

    /**
     * A subject's row, as written by the projection and read by the queries. It is on the map on the business days
     * from {@code existsFrom} (null: always) until the day before {@code existsUntil} (null: no end): a decision from
     * the day it was taken until it was rescinded or superseded, a service change from the day it was proposed.
     */
    record SubjectRow(String partnershipId, Key key, String sortKey, String title, String theme, List<String> themes,
                      List<String> odsCodes, List<StoredHolder> holders, List<StoredWindow> windows,
                      LocalDate existsFrom, LocalDate existsUntil) {
        boolean existsOn(LocalDate day) {
            return (existsFrom == null || !existsFrom.isAfter(day)) && (existsUntil == null || day.isBefore(existsUntil));
        }
    }
}
