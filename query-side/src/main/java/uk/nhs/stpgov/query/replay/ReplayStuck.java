package uk.nhs.stpgov.query.replay;

/**
 * A rebuild cannot start: a projection processor did not stop in time, because one of its workers never finishes its
 * batch. 503, nothing was reset; the instance's read side needs a restart.
 */
public class ReplayStuck extends RuntimeException {
    public ReplayStuck(String message) {
        super(message);
    }
}
