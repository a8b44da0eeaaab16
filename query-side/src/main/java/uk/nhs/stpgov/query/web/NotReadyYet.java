package uk.nhs.stpgov.query.web;

/** The answer would be stale: the projections have not yet handled the position asked for. 503 with Retry-After. */
public class NotReadyYet extends RuntimeException {
    public NotReadyYet(String message) {
        super(message);
    }
}
