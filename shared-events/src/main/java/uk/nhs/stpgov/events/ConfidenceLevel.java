package uk.nhs.stpgov.events;

public enum ConfidenceLevel {
    VERY_LOW, LOW, MODERATE, HIGH, VERY_HIGH
}
