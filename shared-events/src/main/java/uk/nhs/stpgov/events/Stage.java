package uk.nhs.stpgov.events;

import java.util.EnumSet;
import java.util.Set;

/**
 * Service change lifecycle: PROPOSED → ENGAGEMENT → CONSULTATION → DECIDED → IMPLEMENTING → COMPLETED, or WITHDRAWN
 * from any open stage. A non-substantial change may skip formal consultation (ENGAGEMENT → DECIDED); a decided
 * change may go back to CONSULTATION after a referral.
 */
public enum Stage {
    PROPOSED, ENGAGEMENT, CONSULTATION, DECIDED, IMPLEMENTING, COMPLETED, WITHDRAWN;

    public boolean isOpen() {
        return this != COMPLETED && this != WITHDRAWN;
    }

    /** Stages reachable in one move by a change that is (or is not) substantial. */
    public Set<Stage> next(boolean substantial) {
        if (!isOpen()) {
            return EnumSet.noneOf(Stage.class);
        }
        EnumSet<Stage> next = EnumSet.of(values()[ordinal() + 1], WITHDRAWN);
        if (this == ENGAGEMENT && !substantial) {
            next.add(DECIDED);
        }
        if (this == DECIDED) {
            next.add(CONSULTATION);
        }
        return next;
    }

    public boolean canMoveTo(Stage target, boolean substantial) {
        return next(substantial).contains(target);
    }
}
