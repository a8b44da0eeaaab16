package uk.nhs.stpgov.deploy.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import uk.nhs.stpgov.command.web.TransactionAggregates;

import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate cache on Caffeine: at most {@code maximumSize} aggregates, the least useful evicted first. Axon's
 * WeakReferenceCache is emptied by any garbage collection (so a busy aggregate is re-sourced from the store after
 * every GC), and under memory pressure that is when it is needed most. Entries are removed on rollback by Axon's
 * repository, as before. Inside an import's transaction the import's own aggregates answer instead
 * ({@link TransactionAggregates}), so no other request sees what the import has not committed.
 */
final class BoundedAggregateCache implements Cache {
    private final ConcurrentMap<Object, Object> entries;
    private final CopyOnWriteArrayList<EntryListener> listeners = new CopyOnWriteArrayList<>();

    BoundedAggregateCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) map().get(key);
    }

    /** The current import's own aggregates while one runs on this thread, else the shared ones. */
    private Map<Object, Object> map() {
        Map<Object, Object> own = TransactionAggregates.current();
        return own != null ? own : entries;
    }

    @Override
    public void put(Object key, Object value) {
        Map<Object, Object> own = TransactionAggregates.current();
        if (own != null) {
            own.put(key, value);
            return;
        }
        Object old = entries.put(key, value);
        listeners.forEach(l -> {
            if (old == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Map<Object, Object> own = TransactionAggregates.current();
        if (own != null) {
            return own.putIfAbsent(key, value) == null;
        }
        boolean added = entries.putIfAbsent(key, value) == null;
        if (added) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) map().computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> own = TransactionAggregates.current();
        if (own != null) {
            return own.remove(key) != null;
        }
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        map().clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        map().computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
