package uk.nhs.stpgov.events;

public enum DecisionOutcome {
    APPROVED, REJECTED, DEFERRED, NOTED
}
