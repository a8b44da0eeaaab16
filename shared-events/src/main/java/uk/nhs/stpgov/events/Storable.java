package uk.nhs.stpgov.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What an event may carry so that every projection can store it: PostgreSQL text refuses NUL and its dates stop in
 * year 5874897, and a stored event cannot be taken back. The edges (JSON bodies, CSV cells, query parameters) check
 * input against these rules before any command exists.
 */
public final class Storable {
    /** Business dates the ledger holds: STPs began in 2016; anything outside these bounds is a typing error. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2100, 12, 31);
    public static final Instant EARLIEST_INSTANT = EARLIEST_DATE.atStartOfDay().toInstant(ZoneOffset.UTC);
    public static final Instant LATEST_INSTANT = LATEST_DATE.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);

    /** Longest text of any field, a backstop behind each field's own limit. */
    public static final int MAX_TEXT = 10_000;

    /** Marks a text field that may hold several lines (tab, line feed and carriage return allowed). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
    public @interface MultiLine {
    }

    private Storable() {
    }

    /** Why {@code value} cannot be stored as text, or empty when it can. */
    public static Optional<String> textProblem(String value, boolean multiLine) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > MAX_TEXT) {
            return Optional.of("must be at most " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreakOrTab = c == '\n' || c == '\r' || c == '\t';
            if (Character.isISOControl(c) && !(multiLine && lineBreakOrTab)) {
                return Optional.of("must not contain control characters (found U+%04X at position %d)%s"
                        .formatted((int) c, i + 1, lineBreakOrTab ? "; this field is a single line" : ""));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one character outside the Basic Multilingual Plane, such as an emoji
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be valid Unicode text (a lone surrogate at position " + (i + 1) + ")");
            }
        }
        return Optional.empty();
    }

    /** Why {@code date} is outside the business dates the ledger holds, or empty when it is inside. */
    public static Optional<String> dateProblem(LocalDate date) {
        if (date == null || (!date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE))) {
            return Optional.empty();
        }
        return Optional.of("must be a date between " + EARLIEST_DATE + " and " + LATEST_DATE);
    }

    /** Why {@code instant} is outside the recorded times the ledger answers for, or empty when it is inside. */
    public static Optional<String> instantProblem(Instant instant) {
        if (instant == null || (!instant.isBefore(EARLIEST_INSTANT) && instant.isBefore(LATEST_INSTANT))) {
            return Optional.empty();
        }
        return Optional.of("must be an instant between " + EARLIEST_INSTANT + " and " + LATEST_INSTANT);
    }
}
