package uk.nhs.stpgov.command.common;

/**
 * A record would take an id (or key) that another record already has; answered with 409, as the event store's own
 * refusal of a duplicate id is, and nothing is written.
 */
public class DuplicateId extends RuntimeException {
    public DuplicateId(String message) {
        super(message);
    }
}
