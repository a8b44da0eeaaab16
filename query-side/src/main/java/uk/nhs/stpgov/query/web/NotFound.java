package uk.nhs.stpgov.query.web;

/** A query names something that does not exist (at the instant asked for); 404. */
public class NotFound extends RuntimeException {
    public NotFound(String what, String id) {
        super("No " + what + " with id '" + id + "'");
    }
}
