package uk.nhs.stpgov.command.common;

/** A command breaks a governance rule; answered with 409 and nothing is written. */
public class RuleViolation extends RuntimeException {
    public RuleViolation(String message) {
        super(message);
    }
}
