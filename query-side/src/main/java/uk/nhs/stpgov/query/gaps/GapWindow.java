package uk.nhs.stpgov.query.gaps;

import java.time.LocalDate;

/**
 * A gap and the business days on which it shows: from {@code from} (inclusive) to {@code until} (exclusive; null
 * while nothing recorded ends it). {@code from} is {@link GapRules#ALWAYS} for a gap whatever the day.
 */
public record GapWindow(Gap gap, LocalDate from, LocalDate until) {
    public boolean showsOn(LocalDate day) {
        return !from.isAfter(day) && (until == null || day.isBefore(until));
    }
}
