package uk.nhs.stpgov.query.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import uk.nhs.stpgov.events.Storable;

/** Reads {@code asOf}: an instant ({@code 2019-04-01T09:00:00Z}), an offset date-time, or a date (its end, UTC). */
public final class Instants {
    private Instants() {
    }

    public static Instant asOf(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return clock.instant();
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                instant = LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
            } catch (java.time.DateTimeException notADate) {
                throw new InvalidParameter("asOf", "asOf must be an ISO-8601 instant such as 2019-04-01T09:00:00Z "
                        + "or a date such as 2019-04-01");
            }
        }
        Optional<String> outOfRange = Storable.instantProblem(instant);
        if (outOfRange.isPresent()) {
            throw new InvalidParameter("asOf", "asOf " + outOfRange.get());
        }
        return instant;
    }
}
