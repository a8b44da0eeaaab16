package uk.nhs.stpgov.query.web;

/** The caller may not read this partnership's records; 403. */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
