package uk.nhs.stpgov.query.gaps;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The business days on which a subject needs an ACCOUNTABLE: a theme while it is in some forum's remit, a service
 * change while it is open (from the day it was proposed until the day it was withdrawn or completed), an approved
 * decision from the day it was taken (while it stands: SubjectFacts#exists). Periods from a day until another
 * (exclusive; null: still), joined where they meet or overlap.
 */
public record Needs(List<Period> periods) {
    public static final Needs NEVER = new Needs(List.of());

    public record Period(LocalDate from, LocalDate until) {
        public boolean covers(LocalDate day) {
            return !from.isAfter(day) && (until == null || day.isBefore(until));
        }
    }

    public Needs {
        periods = joined(periods);
    }

    /** From {@code day} on (null: never). */
    public static Needs from(LocalDate day) {
        return day == null ? NEVER : new Needs(List.of(new Period(day, null)));
    }

    /** From {@code day} until the day before {@code until} (null: still); never when {@code day} is null. */
    public static Needs between(LocalDate day, LocalDate until) {
        return day == null ? NEVER : new Needs(List.of(new Period(day, until)));
    }

    /** The first day of the period that covers {@code day}, or null when the subject needs nobody that day. */
    public LocalDate since(LocalDate day) {
        return periods.stream().filter(p -> p.covers(day)).map(Period::from).findFirst().orElse(null);
    }

    public Stream<LocalDate> turningDays() {
        return periods.stream().flatMap(p -> Stream.of(p.from(), p.until())).filter(Objects::nonNull);
    }

    private static List<Period> joined(List<Period> periods) {
        List<Period> sorted = periods.stream().filter(p -> p.until() == null || p.until().isAfter(p.from()))
                .sorted(Comparator.comparing(Period::from)).toList();
        List<Period> joined = new ArrayList<>();
        for (Period p : sorted) {
            int last = joined.size() - 1;
            Period previous = last < 0 ? null : joined.get(last);
            if (previous != null && (previous.until() == null || !p.from().isAfter(previous.until()))) {
                LocalDate until = previous.until() == null || p.until() == null ? null
                        : p.until().isAfter(previous.until()) ? p.until() : previous.until();
                joined.set(last, new Period(previous.from(), until));
            } else {
                joined.add(p);
            }
        }
        return List.copyOf(joined);
    }
}
