package uk.nhs.stpgov.events;

public enum ServiceChangeKind {
    RECONFIGURATION, CLOSURE, BED_REDUCTION, EXPANSION, NEW_SERVICE, COMMUNITY_REDESIGN, PREVENTION;

    /** Closures and bed reductions must also pass the bed-closure test before they are decided. */
    public boolean needsFullAssurance() {
        return this == CLOSURE || this == BED_REDUCTION;
    }

    /** Whether a change of this kind is a substantial variation unless the proposal says otherwise. */
    public boolean substantialByDefault() {
        return this == CLOSURE || this == BED_REDUCTION || this == RECONFIGURATION;
    }
}
