package uk.nhs.stpgov.events;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberDaysTest {
    private static final LocalDate JOINED = LocalDate.of(2016, 4, 1);
    private static final LocalDate LEFT = LocalDate.of(2022, 7, 1);

    @Test
    void theJoiningAndLeavingDaysAreMemberDays() {
        assertFalse(MemberDays.covers(JOINED, LEFT, JOINED.minusDays(1)));
        assertTrue(MemberDays.covers(JOINED, LEFT, JOINED));
        assertTrue(MemberDays.covers(JOINED, LEFT, LEFT));
        assertFalse(MemberDays.covers(JOINED, LEFT, LEFT.plusDays(1)));
        assertTrue(MemberDays.covers(JOINED, null, LocalDate.of(2100, 12, 31)));
    }
}
