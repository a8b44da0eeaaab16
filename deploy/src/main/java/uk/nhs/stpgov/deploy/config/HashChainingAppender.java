package uk.nhs.stpgov.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import uk.nhs.stpgov.events.audit.HashChain;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Appends events as Axon's default statement does, adding each event's link in its aggregate's hash chain
 * (DESIGN §6) to the stored metadata. The hash covers the payload bytes exactly as written. The previous link comes
 * from the {@link AppendLedger} when this instance committed it, else from the store; the INSERT returns the global
 * indexes it assigned, which the ledger keeps for the request's {@code X-Event-Position}.
 */
final class HashChainingAppender implements AppendEventsStatementBuilder {
    static final String HASH = "hash";
    static final String ACTOR = "actor";

    private final ObjectMapper objectMapper;
    private final AppendLedger ledger;

    HashChainingAppender(ObjectMapper objectMapper, AppendLedger ledger) {
        this.objectMapper = objectMapper;
        this.ledger = ledger;
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                + "VALUES (?,?,?,?,?,?,?,?,?)";
        Map<String, AppendLedger.Link> links = new HashMap<>();
        // The driver quotes the names it is given; the table's columns were created unquoted, hence lower case.
        PreparedStatement statement = connection.prepareStatement(sql,
                new String[]{schema.globalIndexColumn().toLowerCase(Locale.ROOT)});
        for (EventMessage<?> message : events) {
            if (!(message instanceof DomainEventMessage<?> event)) {
                throw new IllegalArgumentException("Only aggregate events are stored: " + message.getPayloadType());
            }
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            String recordedAt = DateTimeUtils.formatInstant(event.getTimestamp());
            AppendLedger.Link inBatch = links.get(event.getAggregateIdentifier());
            String previous = inBatch != null ? inBatch.hash() : previousHash(connection, schema, event);
            Object actor = event.getMetaData().get(ACTOR);
            String hash = HashChain.next(previous, payload.getType().getName(), payload.getData(), recordedAt,
                    actor == null ? null : actor.toString());
            links.put(event.getAggregateIdentifier(), new AppendLedger.Link(event.getSequenceNumber(), hash));
            SerializedObject<byte[]> metaData = serializer.serialize(
                    event.getMetaData().mergedWith(MetaData.with(HASH, hash)), byte[].class);

            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            statement.setString(5, recordedAt);
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setBytes(8, payload.getData());
            statement.setBytes(9, metaData.getData());
            statement.addBatch();
        }
        return reportingKeys(statement, links);
    }

    /** The statement as Axon runs it (executeBatch, close), telling the ledger the indexes the INSERT returned. */
    private PreparedStatement reportingKeys(PreparedStatement statement, Map<String, AppendLedger.Link> links) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if ("executeBatch".equals(method.getName())) {
                        long last = 0;
                        try (ResultSet keys = statement.getGeneratedKeys()) {
                            while (keys.next()) {
                                last = Math.max(last, keys.getLong(1));
                            }
                        }
                        ledger.appended(last, links);
                    }
                    return result;
                });
    }

    private String previousHash(Connection connection, EventSchema schema, DomainEventMessage<?> event)
            throws SQLException {
        if (event.getSequenceNumber() == 0) {
            return HashChain.GENESIS;
        }
        Optional<String> known = ledger.hashOf(event.getAggregateIdentifier(), event.getSequenceNumber() - 1);
        if (known.isPresent()) {
            return known.get();
        }
        String sql = "SELECT " + schema.metaDataColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn() + " = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, event.getAggregateIdentifier());
            query.setLong(2, event.getSequenceNumber() - 1);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return HashChain.GENESIS;
                }
                JsonNode hash = objectMapper.readTree(rs.getBytes(1)).get(HASH);
                return hash == null ? HashChain.GENESIS : hash.asText();
            }
        } catch (IOException e) {
            throw new SQLException("Unreadable metadata of the previous event of " + event.getAggregateIdentifier(), e);
        }
    }
}
