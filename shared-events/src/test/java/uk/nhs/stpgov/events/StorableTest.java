package uk.nhs.stpgov.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorableTest {

    @Test
    void plainTextWithCommasApostrophesAndAccentsIsStorable() {
        assertTrue(Storable.textProblem("Cumbria, Northumberland, Tyne and Wear NHS FT — St Mary's, Zoë 🏥", false)
                .isEmpty());
    }

    @Test
    void nulIsNeverStorable() {
        assertEquals("must not contain control characters (found U+0000 at position 2)",
                Storable.textProblem("a\u0000b", true).orElseThrow());
    }

    @Test
    void lineBreaksAndTabsOnlyInMultiLineFields() {
        assertTrue(Storable.textProblem("first line\r\n\tsecond", true).isEmpty());
        assertEquals("must not contain control characters (found U+000A at position 2); this field is a single line",
                Storable.textProblem("a\nb", false).orElseThrow());
        assertTrue(Storable.textProblem("bell\u0007", true).isPresent());
        assertTrue(Storable.textProblem("del\u007f", true).isPresent());
    }

    @Test
    void loneSurrogatesAreRefused() {
        assertTrue(Storable.textProblem("x\ud800y", false).isPresent());
        assertTrue(Storable.textProblem("x\udc00", false).isPresent());
        assertTrue(Storable.textProblem("\ud83c\udfe5", false).isEmpty());
    }

    @Test
    void textHasABackstopLength() {
        assertTrue(Storable.textProblem("a".repeat(Storable.MAX_TEXT), false).isEmpty());
        assertTrue(Storable.textProblem("a".repeat(Storable.MAX_TEXT + 1), false).isPresent());
    }

    @Test
    void businessDatesFrom1900To2100() {
        assertTrue(Storable.dateProblem(LocalDate.of(1900, 1, 1)).isEmpty());
        assertTrue(Storable.dateProblem(LocalDate.of(2100, 12, 31)).isEmpty());
        assertTrue(Storable.dateProblem(LocalDate.of(1899, 12, 31)).isPresent());
        assertTrue(Storable.dateProblem(LocalDate.of(2101, 1, 1)).isPresent());
        assertTrue(Storable.dateProblem(LocalDate.of(57248, 1, 1)).isPresent());
    }

    @Test
    void instantsInTheSameRange() {
        assertTrue(Storable.instantProblem(Instant.parse("2019-04-01T00:00:00Z")).isEmpty());
        assertTrue(Storable.instantProblem(Instant.parse("2100-12-31T23:59:59Z")).isEmpty());
        assertTrue(Storable.instantProblem(Instant.parse("2101-01-01T00:00:00Z")).isPresent());
        assertTrue(Storable.instantProblem(Instant.parse("1899-12-31T23:59:59Z")).isPresent());
    }
}
