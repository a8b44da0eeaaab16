package uk.nhs.stpgov.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads the event store table directly, as an auditor would. */
public final class EventStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcClient jdbc;

    public EventStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public record StoredEvent(long globalIndex, String aggregateId, long sequenceNumber, String type,
                              JsonNode payload, JsonNode metadata) {
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    /** The last global index drawn from the sequence, whether or not an event kept it. */
    public long lastIndexDrawn() {
        return jdbc.sql("SELECT last_value FROM domainevententry_globalindex_seq").query(Long.class).single();
    }

    public List<StoredEvent> of(String aggregateId) {
        return jdbc.sql("SELECT globalindex, aggregateidentifier, sequencenumber, payloadtype, payload, metadata "
                        + "FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber")
                .param(aggregateId)
                .query((rs, n) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4).substring(rs.getString(4).lastIndexOf('.') + 1),
                        read(rs.getBytes(5)), read(rs.getBytes(6))))
                .list();
    }

    public List<String> typesOf(String aggregateId) {
        return of(aggregateId).stream().map(StoredEvent::type).toList();
    }

    public static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
