package uk.nhs.stpgov.query.replay;

/** A rebuild cannot start now: another instance holds a segment of the projections. 409, nothing was reset. */
public class ReplayRefused extends RuntimeException {
    public ReplayRefused(String message) {
        super(message);
    }
}
