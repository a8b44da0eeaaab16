package uk.nhs.stpgov.query.web;

/** A query parameter that cannot be understood; 400. */
public class InvalidParameter extends RuntimeException {
    private final String parameter;

    public InvalidParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
