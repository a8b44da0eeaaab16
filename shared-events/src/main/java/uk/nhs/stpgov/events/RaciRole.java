package uk.nhs.stpgov.events;

public enum RaciRole {
    ACCOUNTABLE, RESPONSIBLE, CONSULTED, INFORMED
}
