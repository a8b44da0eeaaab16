package uk.nhs.stpgov.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a deciding body's ratification went by succession (DESIGN §1: pending ratifications pass to the successor):
 * the body, then each body its part passed to, in order. The one walk the command side judges a ratification by and
 * the query side shows bindings and ratification gaps by.
 */
public final class SuccessionChain {
    private SuccessionChain() {
    }

    /**
     * {@code body} and each successor down the chain of {@code passedTo} (a body → the body it passed its part to);
     * a body met a second time ends it.
     */
    public static List<String> from(String body, Map<String, String> passedTo) {
        List<String> chain = new ArrayList<>(List.of(body));
        for (String next = passedTo.get(body); next != null && !chain.contains(next); next = passedTo.get(next)) {
            chain.add(next);
        }
        return chain;
    }
}
