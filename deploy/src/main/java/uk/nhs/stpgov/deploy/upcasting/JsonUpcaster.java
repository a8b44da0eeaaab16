package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Rewrites one stored revision of one event type into the next, on its JSON. Stored rows are never changed: the
 * upcaster runs on every read (aggregate loads, projections, replays), so it must be a pure function of the row.
 */
abstract class JsonUpcaster extends SingleEventUpcaster {
    private final SimpleSerializedType from;
    private final String toRevision;

    JsonUpcaster(Class<?> eventType, String fromRevision, String toRevision) {
        this.from = new SimpleSerializedType(eventType.getName(), fromRevision);
        this.toRevision = toRevision;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(from.getName(), toRevision), JsonNode.class,
                node -> {
                    ObjectNode payload = ((ObjectNode) node).deepCopy();
                    rewrite(payload, representation);
                    return payload;
                });
    }

    /** Changes the old payload in place into the new revision's shape. */
    abstract void rewrite(ObjectNode payload, IntermediateEventRepresentation row);
}
