package uk.nhs.stpgov.events;

public enum ServiceChangeKind {
    RECONFIGURATION, CLOSURE, BED_REDUCTION, EXPANSION, NEW_SERVICE, COMMUNITY_REDESIGN, PREVENTION;

    /** Closures and bed reductions must pass every assurance test before they are decided. */
    public boolean needsFullAssurance() {
        return this == CLOSURE || this == BED_REDUCTION;
    }
}
