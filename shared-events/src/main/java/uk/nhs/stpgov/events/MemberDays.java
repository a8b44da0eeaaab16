package uk.nhs.stpgov.events;

import java.time.LocalDate;

/**
 * The days a body is a member of a partnership (DESIGN §1): from the day it joined to the day it left, that day
 * included (a body may act on the day it withdraws; on a succession day both it and its successor are members).
 * The one rule the command side judges acts by and the query side judges a day by.
 */
public final class MemberDays {
    private MemberDays() {
    }

    /** Whether a period from {@code joinedOn} to {@code leftOn} (its last day; null while it lasts) covers the day. */
    public static boolean covers(LocalDate joinedOn, LocalDate leftOn, LocalDate day) {
        return !day.isBefore(joinedOn) && (leftOn == null || !day.isAfter(leftOn));
    }
}
