package uk.nhs.stpgov.events;

public enum DecisionStatus {
    ACTIVE, SUPERSEDED, RESCINDED
}
