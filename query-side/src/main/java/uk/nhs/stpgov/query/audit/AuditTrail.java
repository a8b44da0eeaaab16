package uk.nhs.stpgov.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import uk.nhs.stpgov.events.audit.HashChain;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The event store as an auditor sees it: every stored event with its metadata, page by page, and a check of every
 * aggregate's hash chain (DESIGN §6). Reads Axon's {@code domainevententry} table directly and never holds more than
 * one batch in memory.
 */
@Service
public class AuditTrail {
    static final int VERIFY_BATCH = 500;
    private static final String COLUMNS = "globalindex, aggregateidentifier, sequencenumber, payloadtype, timestamp, "
            + "payload, metadata";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AuditTrail(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Page(List<Event> events, long nextAfterIndex) {
    }

    public record Event(long globalIndex, String aggregateId, long sequenceNumber, String type, String recordedAt,
                        JsonNode payload, Metadata metadata) {
    }

    public record Metadata(String actor, String correlationId, String idempotencyKey, String hash) {
    }

    public record Verification(long checked, boolean ok,
                               @JsonInclude(JsonInclude.Include.NON_NULL) BrokenLink firstBroken) {
    }

    /** The first event of an aggregate whose link does not hold, and why. */
    public record BrokenLink(long globalIndex, String aggregateId, long sequenceNumber, String reason) {
    }

    /**
     * Events after {@code afterIndex} (exclusive) in global order, stopping before the first gap in the global index
     * that a transaction still running may yet fill; an empty page keeps the cursor where it was. The database hands
     * out global indexes in time order, so only a transaction that began before the event after the gap was inserted
     * can hold the missing ones. The running transactions are sampled before the events are read: one that commits
     * in between is then in the page instead.
     */
    public Page events(long afterIndex, int limit) {
        OffsetDateTime settledBefore = oldestRunningWrite();
        List<Event> events = new ArrayList<>();
        long previous = afterIndex;
        for (SettledRow row : jdbc.sql("SELECT " + COLUMNS + ", inserted_at IS NULL OR inserted_at < ? "
                        + "FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT ?")
                .params(settledBefore, afterIndex, limit)
                .query((rs, n) -> new SettledRow(new Row(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4), rs.getString(5), rs.getBytes(6), rs.getBytes(7)), rs.getBoolean(8)))
                .list()) {
            if (row.row().globalIndex() != previous + 1 && !row.settled()) {
                break;
            }
            events.add(toEvent(row.row()));
            previous = row.row().globalIndex();
        }
        return new Page(events, previous);
    }

    /**
     * The start of the oldest client transaction of this database that is writing or running a statement (one that
     * has drawn a global index but not yet inserted its row has no transaction id yet), or now if there is none; not
     * autovacuum's, which stores no events. The app uses one database role, which sees every such transaction.
     */
    private OffsetDateTime oldestRunningWrite() {
        return jdbc.sql("SELECT least(now(), min(xact_start)) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND backend_type = 'client backend' "
                        + "AND pid <> pg_backend_pid() "
                        + "AND (backend_xid IS NOT NULL OR state = 'active')")
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).single();
    }

    /**
     * Recomputes each aggregate's chain in (aggregate, sequence) order, keyset-paged. A chain breaks where a hash
     * does not match what {@code HashChainingAppender} would have written, where a sequence number is missing
     * (a deleted event), or where an event's global index is not above the one before it in its chain (events
     * reordered: the hash covers neither index). The first broken event reported is the earliest in global order.
     */
    public Verification verify() {
        long checked = 0;
        BrokenLink first = null;
        String aggregate = null;
        long expectedSequence = 0;
        String previousHash = HashChain.GENESIS;
        long previousIndex = -1;
        boolean aggregateBroken = false;
        String afterAggregate = "";
        long afterSequence = -1;
        while (true) {
            List<Row> batch = jdbc.sql("SELECT " + COLUMNS + " FROM domainevententry "
                            + "WHERE (aggregateidentifier, sequencenumber) > (?, ?) "
                            + "ORDER BY aggregateidentifier, sequencenumber LIMIT ?")
                    .params(afterAggregate, afterSequence, VERIFY_BATCH)
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getBytes(6), rs.getBytes(7)))
                    .list();
            for (Row row : batch) {
                checked++;
                if (!row.aggregateId().equals(aggregate)) {
                    aggregate = row.aggregateId();
                    expectedSequence = 0;
                    previousHash = HashChain.GENESIS;
                    previousIndex = -1;
                    aggregateBroken = false;
                }
                if (aggregateBroken) {
                    continue;
                }
                String reason = brokenLink(row, expectedSequence, previousHash, previousIndex);
                if (reason != null) {
                    aggregateBroken = true;
                    if (first == null || row.globalIndex() < first.globalIndex()) {
                        first = new BrokenLink(row.globalIndex(), row.aggregateId(), row.sequenceNumber(), reason);
                    }
                    continue;
                }
                previousHash = metadata(row.metadata()).hash();
                previousIndex = row.globalIndex();
                expectedSequence = row.sequenceNumber() + 1;
            }
            if (batch.size() < VERIFY_BATCH) {
                return new Verification(checked, first == null, first);
            }
            Row last = batch.get(batch.size() - 1);
            afterAggregate = last.aggregateId();
            afterSequence = last.sequenceNumber();
        }
    }

    private String brokenLink(Row row, long expectedSequence, String previousHash, long previousIndex) {
        if (row.sequenceNumber() != expectedSequence) {
            return "sequence number " + row.sequenceNumber() + " follows " + (expectedSequence - 1)
                    + ": an event is missing";
        }
        if (row.globalIndex() <= previousIndex) {
            return "global index " + row.globalIndex() + " is not after " + previousIndex + ", the index of sequence "
                    + "number " + (expectedSequence - 1) + ": the events are out of order";
        }
        Metadata metadata = metadata(row.metadata());
        String expected = HashChain.next(previousHash, row.payloadType(), row.payload(), row.recordedAt(),
                metadata.actor());
        return Objects.equals(expected, metadata.hash()) ? null : "hash does not match the stored event";
    }

    private Event toEvent(Row row) {
        return new Event(row.globalIndex(), row.aggregateId(), row.sequenceNumber(),
                row.payloadType().substring(row.payloadType().lastIndexOf('.') + 1), row.recordedAt(),
                readOrText(row.payload()), metadata(row.metadata()));
    }

    private Metadata metadata(byte[] bytes) {
        JsonNode node = readOrText(bytes);
        return new Metadata(text(node, "actor"), text(node, "correlationId"), text(node, "idempotencyKey"),
                text(node, "hash"));
    }

    /** Stored bytes are JSON unless someone damaged them; then the auditor sees them as text rather than a 500. */
    private JsonNode readOrText(byte[] bytes) {
        if (bytes == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.stringNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.isObject() ? node.get(field) : null;
        return value == null || value.isNull() ? null : value.asString();
    }

    /** A row, and whether every transaction that could fill a gap in the global index before it has ended. */
    private record SettledRow(Row row, boolean settled) {
    }

    private record Row(long globalIndex, String aggregateId, long sequenceNumber, String payloadType,
                       String recordedAt, byte[] payload, byte[] metadata) {
    }
}
