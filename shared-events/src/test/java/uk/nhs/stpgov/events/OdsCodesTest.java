package uk.nhs.stpgov.events;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OdsCodesTest {
    @Test
    void trustsCommissionersAndBoardsAreWellFormed() {
        assertTrue(OdsCodes.wellFormed("RR8"));
        assertTrue(OdsCodes.wellFormed("15F"));
        assertTrue(OdsCodes.wellFormed("QWO"));
        assertTrue(OdsCodes.wellFormed("E54000054"));
    }

    @Test
    void anythingElseIsNot() {
        assertFalse(OdsCodes.wellFormed(null));
        assertFalse(OdsCodes.wellFormed("rr8"));
        assertFalse(OdsCodes.wellFormed("R8"));
        assertFalse(OdsCodes.wellFormed("RR8;DROP"));
        assertFalse(OdsCodes.wellFormed("ABCDEFGHIJK"));
    }
}
