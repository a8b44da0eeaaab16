package uk.nhs.stpgov.events;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuccessionChainTest {
    @Test
    void aBodyAndEachSuccessorItsPartPassedTo() {
        // Bradford City and Districts merged into 36J (2020), which the West Yorkshire ICB succeeded (2022).
        Map<String, String> passedTo = Map.of("03C", "36J", "02R", "36J", "36J", "QWO");
        assertEquals(List.of("03C", "36J", "QWO"), SuccessionChain.from("03C", passedTo));
        assertEquals(List.of("QWO"), SuccessionChain.from("QWO", passedTo));
    }

    @Test
    void aBodyMetAgainEndsTheChain() {
        assertEquals(List.of("A", "B"), SuccessionChain.from("A", Map.of("A", "B", "B", "A")));
    }
}
