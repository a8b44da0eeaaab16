package uk.nhs.stpgov.command.web;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The aggregates an import's commands load and change, kept to the import's transaction until it ends. Each row's
 * command commits its own unit of work and releases its aggregate while the import's transaction (a rehearsal rolled
 * back, or the write) is still open: in the shared aggregate cache, a command sent meanwhile by another request would
 * be judged on the import's uncommitted events and append after them (outside tester: members withdrawn and forum
 * seats given to bodies that only a dry run's rows had admitted, and sequence numbers missing once it rolled back,
 * which audit verification reports as deleted events). The aggregate cache answers from this map while one is bound
 * to the thread's transaction; other requests see the committed aggregates, and the store's unique sequence numbers
 * make them wait for, and then retry after, an import that wrote the same aggregate.
 */
public final class TransactionAggregates {
    private static final Object KEY = TransactionAggregates.class;

    private TransactionAggregates() {
    }

    /** The current transaction's own aggregates by identifier, or null when the shared cache serves it. */
    public static Map<Object, Object> current() {
        @SuppressWarnings("unchecked")
        Map<Object, Object> own = (Map<Object, Object>) TransactionSynchronizationManager.getResource(KEY);
        return own;
    }

    /**
     * Runs {@code work} inside the current transaction with its own aggregates, and adds the identifiers it kept to
     * {@code kept} (also when it fails): the shared cache's entries for them are stale once the transaction ends.
     */
    static void keep(Set<Object> kept, Runnable work) {
        Map<Object, Object> own = new HashMap<>();
        TransactionSynchronizationManager.bindResource(KEY, own);
        try {
            work.run();
        } finally {
            TransactionSynchronizationManager.unbindResource(KEY);
            kept.addAll(own.keySet());
        }
    }
}
