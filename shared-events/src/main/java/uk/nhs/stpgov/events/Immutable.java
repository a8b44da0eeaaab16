package uk.nhs.stpgov.events;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Defensive copies for record components, so events stay immutable and serialise in a stable order. */
public final class Immutable {
    private Immutable() {
    }

    public static <E extends Comparable<E>> SortedSet<E> sortedSet(Collection<E> values) {
        return values == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    public static <E> List<E> list(List<E> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    public static <V> Map<String, V> sortedMap(Map<String, V> values) {
        return values == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
