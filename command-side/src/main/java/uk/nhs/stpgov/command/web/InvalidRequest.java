package uk.nhs.stpgov.command.web;

/** A request field that passed bean validation but is still wrong (checked against reference data); 400. */
public class InvalidRequest extends RuntimeException {
    private final String field;

    public InvalidRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
