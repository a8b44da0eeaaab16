package uk.nhs.stpgov.deploy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.EventStore.StoredEvent;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.TestUsers;
import uk.nhs.stpgov.events.audit.HashChain;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail shows every stored event with its metadata, a page never moves the auditor past an event that a
 * running transaction may still commit, and verification names the first event whose hash chain no longer holds: one
 * edited in SQL, or one that follows a deleted event. Each tampering test puts the row back, so the store verifies
 * again afterwards.
 */
@IntegrationTest
class AuditTrailIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    Api auditor;
    JdbcClient jdbc;
    String pid;

    @BeforeEach
    void partnershipWithFourMembers() {
        Api admin = new Api(port);
        auditor = admin.as(TestUsers.AUDITOR);
        jdbc = JdbcClient.create(dataSource);
        pid = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        admin.ok("/api/partnerships", """
                {"id":"%s","name":"Lancashire and South Cumbria","region":"North West"}""".formatted(pid));
        for (String[] member : new String[][]{{"RXN", "Lancashire Teaching Hospitals NHS Foundation Trust"},
                {"01E", "NHS Greater Preston CCG"}, {"30A", "Lancashire County Council"}, {"RTX", "University Hospitals of Morecambe Bay"}}) {
            admin.with("Idempotency-Key", "admit-" + member[0] + "-" + pid).ok("/api/partnerships/" + pid + "/members", """
                    {"odsCode":"%s","name":"%s","sector":"NHS_TRUST","joinedOn":"2016-03-01"}""".formatted(member[0], member[1]));
        }
    }

    @Test
    void eventsArePagedByGlobalIndexWithTheirMetadata() {
        List<StoredEvent> stored = new EventStore(dataSource).of(pid);
        long before = stored.get(0).globalIndex() - 1;

        JsonNode first = auditor.get("/api/audit/events?afterIndex=" + before + "&limit=2").json();
        assertThat(first.get("events")).hasSize(2);
        JsonNode registered = first.get("events").get(0);
        assertThat(registered.get("globalIndex").asLong()).isEqualTo(stored.get(0).globalIndex());
        assertThat(registered.get("aggregateId").asText()).isEqualTo(pid);
        assertThat(registered.get("sequenceNumber").asLong()).isZero();
        assertThat(registered.get("type").asText()).isEqualTo("PartnershipRegistered");
        assertThat(registered.get("recordedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(registered.get("payload").get("name").asText()).isEqualTo("Lancashire and South Cumbria");
        assertThat(registered.get("metadata").get("actor").asText()).isEqualTo("admin");
        assertThat(registered.get("metadata").get("correlationId").asText()).isNotBlank();
        assertThat(registered.get("metadata").get("hash").asText()).isEqualTo(stored.get(0).metadata().get("hash").asText());
        JsonNode admitted = first.get("events").get(1);
        assertThat(admitted.get("metadata").get("idempotencyKey").asText()).isEqualTo("admit-RXN-" + pid);
        assertThat(first.get("nextAfterIndex").asLong()).isEqualTo(admitted.get("globalIndex").asLong());

        JsonNode second = auditor.get("/api/audit/events?afterIndex=" + first.get("nextAfterIndex").asLong()
                + "&limit=1000").json();
        assertThat(second.get("events").get(0).get("sequenceNumber").asLong()).isEqualTo(2);
        long last = second.get("events").get(second.get("events").size() - 1).get("globalIndex").asLong();
        JsonNode end = auditor.get("/api/audit/events?afterIndex=" + last).json();
        assertThat(end.get("events")).isEmpty();
        assertThat(end.get("nextAfterIndex").asLong()).as("an empty page keeps the cursor").isEqualTo(last);
    }

    /**
     * An import holds a low global index uncommitted while a later command commits: an auditor following
     * {@code nextAfterIndex} must not be moved past the import's events, which commit afterwards.
     */
    @Test
    void aPageStopsBeforeTheEventsOfATransactionStillRunning() throws SQLException {
        long before;
        long held;
        long admitted;
        try (Connection running = dataSource.getConnection()) {
            running.setAutoCommit(false);
            held = insertRegistrationOfAnotherPartnership(running);
            before = held - 1;
            admitted = admitMember();

            JsonNode page = auditor.get("/api/audit/events?afterIndex=" + before + "&limit=1000").json();
            assertThat(page.get("events")).as("nothing after the running transaction's index").isEmpty();
            assertThat(page.get("nextAfterIndex").asLong()).isEqualTo(before);
            running.commit();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(followFrom(before)).containsSubsequence(held, admitted));
    }

    /** A rolled-back transaction leaves a gap for good: once it has ended, the pages go past it. */
    @Test
    void aGapLeftByARolledBackTransactionDoesNotHoldThePagesForEver() throws SQLException {
        long held;
        long admitted;
        try (Connection running = dataSource.getConnection()) {
            running.setAutoCommit(false);
            held = insertRegistrationOfAnotherPartnership(running);
            admitted = admitMember();
            running.rollback();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(followFrom(held - 1)).contains(admitted).doesNotContain(held));
    }

    @Test
    void pageSizesAndCursorsOutsideTheLimitsAre400Problems() {
        for (String query : List.of("limit=1001", "limit=0", "afterIndex=-1", "limit=ten", "afterIndex=1e3")) {
            Api.Answer answer = auditor.get("/api/audit/events?" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.isProblem()).as(query).isTrue();
        }
        assertThat(auditor.get("/api/audit/events?limit=1000").status()).isEqualTo(200);
    }

    @Test
    void anUntouchedStoreVerifies() {
        JsonNode verification = auditor.get("/api/audit/verify").json();
        assertThat(verification.get("ok").asBoolean()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(new EventStore(dataSource).count());
        assertThat(verification.has("firstBroken")).isFalse();
    }

    @Test
    void aPayloadEditedInSqlIsNamedByVerify() {
        StoredEvent victim = new EventStore(dataSource).of(pid).get(3);
        byte[] original = payload(victim.globalIndex());
        jdbc.sql("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                        + "'Lancashire County Council', 'Lancashire County Counci1'), 'UTF8') WHERE globalindex = ?")
                .param(victim.globalIndex()).update();
        try {
            JsonNode verification = auditor.get("/api/audit/verify").json();
            assertThat(verification.get("ok").asBoolean()).isFalse();
            JsonNode broken = verification.get("firstBroken");
            assertThat(broken.get("globalIndex").asLong()).isEqualTo(victim.globalIndex());
            assertThat(broken.get("aggregateId").asText()).isEqualTo(pid);
            assertThat(broken.get("sequenceNumber").asLong()).isEqualTo(3);
        } finally {
            jdbc.sql("UPDATE domainevententry SET payload = ? WHERE globalindex = ?")
                    .params(original, victim.globalIndex()).update();
        }
        assertThat(auditor.get("/api/audit/verify").json().get("ok").asBoolean()).as("restored").isTrue();
    }

    @Test
    void anEventDeletedFromTheMiddleOfAStreamIsCaught() {
        List<StoredEvent> events = new EventStore(dataSource).of(pid);
        StoredEvent deleted = events.get(2);
        Map<String, Object> row = jdbc.sql("SELECT * FROM domainevententry WHERE globalindex = ?")
                .param(deleted.globalIndex()).query().singleRow();
        jdbc.sql("DELETE FROM domainevententry WHERE globalindex = ?").param(deleted.globalIndex()).update();
        try {
            JsonNode verification = auditor.get("/api/audit/verify").json();
            assertThat(verification.get("ok").asBoolean()).isFalse();
            JsonNode broken = verification.get("firstBroken");
            assertThat(broken.get("globalIndex").asLong()).as("the event after the gap").isEqualTo(events.get(3).globalIndex());
            assertThat(broken.get("sequenceNumber").asLong()).isEqualTo(3);
            assertThat(broken.get("reason").asText()).contains("missing");
        } finally {
            List<String> columns = new ArrayList<>(row.keySet());
            jdbc.sql("INSERT INTO domainevententry (" + String.join(",", columns) + ") VALUES ("
                            + String.join(",", columns.stream().map(c -> "?").toList()) + ")")
                    .params(columns.stream().map(row::get).toList()).update();
        }
        assertThat(auditor.get("/api/audit/verify").json().get("ok").asBoolean()).as("restored").isTrue();
    }

    /**
     * Two events of one chain whose global indexes were swapped in SQL: the trail lists the second before the first,
     * and the hash covers neither index, so verification checks their order (outside tester: it answered ok).
     */
    @Test
    void eventsOfAChainReorderedInGlobalOrderAreCaught() {
        List<StoredEvent> events = new EventStore(dataSource).of(pid);
        long first = events.get(1).globalIndex();
        long second = events.get(2).globalIndex();
        swap(first, second);
        try {
            JsonNode verification = auditor.get("/api/audit/verify").json();
            assertThat(verification.get("ok").asBoolean()).isFalse();
            JsonNode broken = verification.get("firstBroken");
            assertThat(broken.get("aggregateId").asText()).isEqualTo(pid);
            assertThat(broken.get("sequenceNumber").asLong()).isEqualTo(2);
            assertThat(broken.get("reason").asText()).contains("out of order");
        } finally {
            swap(first, second);
        }
        assertThat(auditor.get("/api/audit/verify").json().get("ok").asBoolean()).as("restored").isTrue();
    }

    private void swap(long oneIndex, long otherIndex) {
        jdbc.sql("UPDATE domainevententry SET globalindex = -1 WHERE globalindex = ?").param(oneIndex).update();
        jdbc.sql("UPDATE domainevententry SET globalindex = ? WHERE globalindex = ?").params(oneIndex, otherIndex)
                .update();
        jdbc.sql("UPDATE domainevententry SET globalindex = ? WHERE globalindex = -1").param(otherIndex).update();
    }

    /** The global indexes an auditor sees following {@code nextAfterIndex} until an empty page. */
    private List<Long> followFrom(long afterIndex) {
        List<Long> seen = new ArrayList<>();
        while (true) {
            JsonNode page = auditor.get("/api/audit/events?afterIndex=" + afterIndex + "&limit=2").json();
            if (page.get("events").isEmpty()) {
                return seen;
            }
            page.get("events").forEach(event -> seen.add(event.get("globalIndex").asLong()));
            afterIndex = page.get("nextAfterIndex").asLong();
        }
    }

    private long admitMember() {
        new Api(port).ok("/api/partnerships/" + pid + "/members", """
                {"odsCode":"RXL","name":"Blackpool Teaching Hospitals NHS Foundation Trust","sector":"NHS_TRUST",
                 "joinedOn":"2016-03-01"}""");
        List<StoredEvent> events = new EventStore(dataSource).of(pid);
        return events.get(events.size() - 1).globalIndex();
    }

    /**
     * Stores, in the caller's transaction, the registration of a partnership of its own as the app would: this
     * partnership's with the id changed and its hash chained again, so that the store still verifies.
     */
    private long insertRegistrationOfAnotherPartnership(Connection connection) throws SQLException {
        String other = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> row = jdbc.sql("SELECT * FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = 0").param(pid).query().singleRow();
        byte[] payload = new String((byte[]) row.get("payload"), StandardCharsets.UTF_8).replace(pid, other)
                .getBytes(StandardCharsets.UTF_8);
        ObjectNode metadata = (ObjectNode) EventStore.read((byte[]) row.get("metadata"));
        metadata.put("hash", HashChain.next(HashChain.GENESIS, (String) row.get("payloadtype"), payload,
                (String) row.get("timestamp"), metadata.get("actor").asText()));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domainevententry (eventidentifier, "
                + "aggregateidentifier, sequencenumber, type, timestamp, payloadtype, payloadrevision, payload, "
                + "metadata) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?) RETURNING globalindex")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, other);
            insert.setString(3, (String) row.get("type"));
            insert.setString(4, (String) row.get("timestamp"));
            insert.setString(5, (String) row.get("payloadtype"));
            insert.setString(6, (String) row.get("payloadrevision"));
            insert.setBytes(7, payload);
            insert.setBytes(8, metadata.toString().getBytes(StandardCharsets.UTF_8));
            try (ResultSet inserted = insert.executeQuery()) {
                inserted.next();
                return inserted.getLong(1);
            }
        }
    }

    private byte[] payload(long globalIndex) {
        return jdbc.sql("SELECT payload FROM domainevententry WHERE globalindex = ?").param(globalIndex)
                .query(byte[].class).single();
    }
}
