package uk.nhs.stpgov.command.web;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the event store holds under an id, as recorded (the registry keeps only what rules need, and moves on with
 * later events such as a transfer). An import reads it to tell a row it wrote before (skipped) from a row that reuses
 * an id or key with other content (refused). Read in the caller's transaction, so rows written earlier in the same
 * import count.
 */
@Component
public class StoredEvents {
    private final EventStore store;

    StoredEvents(EventStore store) {
        this.store = store;
    }

    /** The payload of the first event stored under the id: the one that created the record, of whatever kind. */
    public Optional<Object> creation(String aggregateId) {
        var events = store.readEvents(aggregateId, 0);
        return events.hasNext() ? Optional.of(events.next().getPayload()) : Optional.empty();
    }

    /** An aggregate's events for a whole import: read once, and again only when a lookup misses. */
    public Lookup lookup(String aggregateId) {
        return new Lookup(aggregateId);
    }

    public final class Lookup {
        private final String aggregateId;
        private List<Object> payloads;

        private Lookup(String aggregateId) {
            this.aggregateId = aggregateId;
        }

        /** The first stored event of the type that matches; a miss reads again (the import may have written it). */
        public <T> Optional<T> find(Class<T> type, Predicate<T> which) {
            Optional<T> found = payloads == null ? Optional.empty() : search(type, which);
            if (found.isPresent()) {
                return found;
            }
            payloads = store.readEvents(aggregateId, 0).asStream().map(DomainEventMessage::getPayload)
                    .map(Object.class::cast).toList();
            return search(type, which);
        }

        private <T> Optional<T> search(Class<T> type, Predicate<T> which) {
            return payloads.stream().filter(type::isInstance).map(type::cast).filter(which).findFirst();
        }
    }
}
