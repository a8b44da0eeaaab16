package uk.nhs.stpgov.deploy.web;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code idempotent_request} table: one row per (user, key), claimed before the request runs and completed with
 * its answer. Every statement commits on its own, so a claim is visible to a concurrent repeat at once.
 */
@Component
class IdempotentRequests {
    /** A claim older than this with no answer belongs to an instance that died mid-request; it may be taken over. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    private final JdbcClient jdbc;

    IdempotentRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    sealed interface Claim {
    }

    /** This request is the first with the key, and must run. */
    record Claimed() implements Claim {
    }

    /** The key was used for another request (method, path or body differ). */
    record Mismatch() implements Claim {
    }

    /** The first request with the key is still running. */
    record InProgress() implements Claim {
    }

    /** The first request's answer; {@code eventPosition} its X-Event-Position (null if it had none, or kept before). */
    record Answered(int status, String location, String contentType, byte[] body, Long eventPosition)
            implements Claim {
    }

    Claim claim(String username, String key, String requestHash) {
        int inserted = jdbc.sql("INSERT INTO idempotent_request (username, idempotency_key, request_hash) "
                        + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(username, key, requestHash).update();
        if (inserted == 1) {
            return new Claimed();
        }
        Optional<Row> row = jdbc.sql("SELECT request_hash, status, location, content_type, body, event_position "
                        + "FROM idempotent_request WHERE username = ? AND idempotency_key = ?")
                .params(username, key)
                .query((rs, n) -> new Row(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getBytes(5), rs.getObject(6, Long.class)))
                .optional();
        if (row.isEmpty()) {
            // Released between our insert and select: try once more as the first.
            return claim(username, key, requestHash);
        }
        Row first = row.get();
        if (!first.requestHash().equals(requestHash)) {
            return new Mismatch();
        }
        if (first.status() != null) {
            return new Answered(first.status(), first.location(), first.contentType(), first.body(),
                    first.eventPosition());
        }
        int takenOver = jdbc.sql("UPDATE idempotent_request SET started_at = now() WHERE username = ? "
                        + "AND idempotency_key = ? AND status IS NULL AND started_at < now() - make_interval(secs => ?)")
                .params(username, key, ABANDONED_AFTER.toSeconds()).update();
        return takenOver == 1 ? new Claimed() : new InProgress();
    }

    void complete(String username, String key, int status, String location, String contentType, byte[] body,
                  Long eventPosition) {
        jdbc.sql("UPDATE idempotent_request SET status = ?, location = ?, content_type = ?, body = ?, "
                        + "event_position = ? WHERE username = ? AND idempotency_key = ?")
                .params(status, location, contentType, body, eventPosition, username, key).update();
    }

    /** Forgets a claim whose request failed without a final answer, so a retry with the key runs again. */
    void release(String username, String key) {
        jdbc.sql("DELETE FROM idempotent_request WHERE username = ? AND idempotency_key = ? AND status IS NULL")
                .params(username, key).update();
    }

    private record Row(String requestHash, Integer status, String location, String contentType, byte[] body,
                       Long eventPosition) {
    }
}
