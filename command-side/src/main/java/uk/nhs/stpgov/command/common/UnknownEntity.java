package uk.nhs.stpgov.command.common;

/** A command addresses something that does not exist; answered with 404. */
public class UnknownEntity extends RuntimeException {
    public UnknownEntity(String what, String id) {
        super("No " + what + " with id '" + id + "'");
    }
}
