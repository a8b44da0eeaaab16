package uk.nhs.stpgov.events;

/** One body's position on a decision. */
public record DecisionPosition(String odsCode, Position position) {
}
