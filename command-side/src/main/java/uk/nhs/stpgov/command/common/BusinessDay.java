package uk.nhs.stpgov.command.common;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Business dates are days in {@code stpgov.business-zone} (default Europe/London): "today" for a rule or a default
 * date is today there, not in UTC, so an act recorded at 00:30 BST belongs to the English day.
 */
public final class BusinessDay {
    public static final String DEFAULT_ZONE = "Europe/London";

    private final Clock clock;
    private final ZoneId zone;

    public BusinessDay(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * An act that records what happened (a decision taken, a ratification, an assessment, an acceptance) cannot be
     * dated after today: a future date would count as the fact in force from that day, and a mistyped year would pass
     * rules judged today (an assurance result dated 2099 let a change be decided). Planned acts (a member joining, a
     * delegation or an accountability taking effect, a succession) may be dated ahead.
     */
    public void requireNotAfterToday(LocalDate day, String what) {
        LocalDate today = today();
        if (day != null && day.isAfter(today)) {
            throw new RuleViolation(what + " cannot be dated " + day + ", after today (" + today + ")");
        }
    }
}
