package uk.nhs.stpgov.query.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads {@code asOf}: an instant ({@code 2019-04-01T09:00:00Z}), an offset date-time, or a date (its end, UTC). */
public final class Instants {
    private Instants() {
    }

    public static Instant asOf(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return clock.instant();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
            } catch (DateTimeParseException notADate) {
                throw new InvalidParameter("asOf", "asOf must be an ISO-8601 instant such as 2019-04-01T09:00:00Z "
                        + "or a date such as 2019-04-01, not '" + value + "'");
            }
        }
    }
}
