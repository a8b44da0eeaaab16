package uk.nhs.stpgov.events;

import java.util.EnumSet;
import java.util.Set;

/** Service change lifecycle: PROPOSED → ENGAGEMENT → CONSULTATION → DECIDED → IMPLEMENTING → COMPLETED, or WITHDRAWN. */
public enum Stage {
    PROPOSED, ENGAGEMENT, CONSULTATION, DECIDED, IMPLEMENTING, COMPLETED, WITHDRAWN;

    public boolean isOpen() {
        return this != COMPLETED && this != WITHDRAWN;
    }

    /** Stages reachable in one move. Stages may not be skipped; any open stage may be withdrawn. */
    public Set<Stage> next() {
        if (!isOpen()) {
            return EnumSet.noneOf(Stage.class);
        }
        return EnumSet.of(values()[ordinal() + 1], WITHDRAWN);
    }

    public boolean canMoveTo(Stage target) {
        return next().contains(target);
    }
}
