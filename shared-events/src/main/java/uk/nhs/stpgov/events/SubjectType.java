package uk.nhs.stpgov.events;

public enum SubjectType {
    THEME, SERVICE_CHANGE, DECISION
}
