package uk.nhs.stpgov.events;

public enum AssuranceResult {
    MET, NOT_MET, NOT_APPLICABLE;

    public boolean passes() {
        return this != NOT_MET;
    }
}
