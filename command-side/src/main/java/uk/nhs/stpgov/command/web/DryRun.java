package uk.nhs.stpgov.command.web;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * Marks the commands of a dry run: sent in full, so that every rule is checked, inside a transaction that is then
 * rolled back. The event store writes their events at rehearsal positions that draw nothing from the global
 * sequence; an index drawn and rolled back would stay a gap in every streaming processor's token (a dry run of a
 * 5,000-row import, 5,000 gaps).
 */
public final class DryRun {
    private static final Object KEY = DryRun.class;

    private DryRun() {
    }

    /** Whether the current transaction is a dry run's. */
    public static boolean active() {
        return TransactionSynchronizationManager.hasResource(KEY);
    }

    /** Runs {@code rehearsal} inside the current transaction, which the caller rolls back. */
    static <T> T rehearse(Supplier<T> rehearsal) {
        TransactionSynchronizationManager.bindResource(KEY, Boolean.TRUE);
        try {
            return rehearsal.get();
        } finally {
            TransactionSynchronizationManager.unbindResource(KEY);
        }
    }
}
