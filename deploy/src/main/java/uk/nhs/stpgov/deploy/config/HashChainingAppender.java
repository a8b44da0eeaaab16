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
import uk.nhs.stpgov.command.web.DryRun;
import uk.nhs.stpgov.events.audit.HashChain;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Appends events as Axon's default statement does, adding each event's link in its aggregate's hash chain
 * (DESIGN §6) to the stored metadata. The hash covers the payload bytes exactly as written. The previous link comes
 * from the {@link AppendLedger} when this instance committed it, else from the store; the INSERT returns the global
 * indexes it assigned, which the ledger keeps for the request's {@code X-Event-Position}.
 * <p>
 * An event whose aggregate already holds its sequence number (a record created twice with one id, a command that lost
 * a race on its aggregate) is not inserted, and the append fails as a unique violation would. Left to the unique index,
 * the INSERT would first draw a global index and the rollback leave it unused: every such gap rides in each streaming
 * processor's tracking token for a minute, copied with every event in flight, and a burst of refused duplicates
 * filled a 256 MB heap that way and stopped the projections (issue 10). Two appends racing each other still meet at
 * the index. The events of a dry run ({@link DryRun}), rolled back at its end, are written at negative rehearsal
 * positions, which draw nothing from the sequence either.
 */
final class HashChainingAppender implements AppendEventsStatementBuilder {
    static final String HASH = "hash";
    static final String ACTOR = "actor";
    private static final String UNIQUE_VIOLATION = "23505";

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
        boolean rehearsal = DryRun.active();
        String sql = "INSERT INTO " + schema.domainEventTable() + " ("
                + (rehearsal ? schema.globalIndexColumn() + ", " : "") + schema.domainEventFields() + ") "
                + "SELECT " + (rehearsal ? "?," : "") + "?,?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM "
                + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn() + " = ?)";
        Map<String, AppendLedger.Link> links = new HashMap<>();
        List<DomainEventMessage<?>> appended = new ArrayList<>();
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

            int p = 0;
            if (rehearsal) {
                // Unique among concurrent rehearsals (another one's equal position would wait on the index).
                statement.setLong(++p, -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
            }
            statement.setString(++p, event.getIdentifier());
            statement.setString(++p, event.getAggregateIdentifier());
            statement.setLong(++p, event.getSequenceNumber());
            statement.setString(++p, event.getType());
            statement.setString(++p, recordedAt);
            statement.setString(++p, payload.getType().getName());
            statement.setString(++p, payload.getType().getRevision());
            statement.setBytes(++p, payload.getData());
            statement.setBytes(++p, metaData.getData());
            statement.setString(++p, event.getAggregateIdentifier());
            statement.setLong(++p, event.getSequenceNumber());
            statement.addBatch();
            appended.add(event);
        }
        return reportingKeys(statement, links, appended);
    }

    /**
     * The statement as Axon runs it (executeBatch, close), telling the ledger the indexes the INSERT returned, and
     * failing as a unique violation (SQLState 23505, which Axon turns into its creation or concurrency failure) when a
     * row was not inserted because its sequence number was taken.
     */
    private PreparedStatement reportingKeys(PreparedStatement statement, Map<String, AppendLedger.Link> links,
                                            List<DomainEventMessage<?>> appended) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if ("executeBatch".equals(method.getName())) {
                        int[] counts = (int[]) result;
                        for (int i = 0; i < counts.length; i++) {
                            if (counts[i] == 0) {
                                DomainEventMessage<?> taken = appended.get(i);
                                throw new SQLException("Aggregate " + taken.getAggregateIdentifier()
                                        + " already holds event " + taken.getSequenceNumber(), UNIQUE_VIOLATION);
                            }
                        }
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
