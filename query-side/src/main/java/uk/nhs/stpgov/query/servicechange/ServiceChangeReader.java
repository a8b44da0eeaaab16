package uk.nhs.stpgov.query.servicechange;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static uk.nhs.stpgov.query.support.Sql.instant;
import static uk.nhs.stpgov.query.support.Sql.list;
import static uk.nhs.stpgov.query.support.Sql.ts;

/** The reads of one service change ({@code q_service_change}): its open version now, or the one valid at an instant. */
@Component
class ServiceChangeReader {
    private final JdbcClient jdbc;

    ServiceChangeReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ServiceChange(String id, String partnershipId, String title, String kind, List<String> themes,
                         String leadOdsCode, String description, String stage, Instant proposedAt,
                         boolean substantial, java.time.LocalDate proposedOn) {
    }

    Optional<ServiceChange> serviceChange(String id, Instant asOf) {
        return jdbc.sql("SELECT * FROM q_service_change WHERE service_change_id = :id AND "
                        + (asOf == null ? "valid_to IS NULL" : "tstzrange(valid_from, valid_to) @> :t"))
                .param("id", id).param("t", asOf == null ? null : ts(asOf))
                .query(ServiceChangeReader::serviceChange).optional();
    }

    private static ServiceChange serviceChange(ResultSet rs, int n) throws SQLException {
        return new ServiceChange(rs.getString("service_change_id"), rs.getString("partnership_id"),
                rs.getString("title"), rs.getString("kind"), list(rs, "themes"), rs.getString("lead_ods_code"),
                rs.getString("description"), rs.getString("stage"), instant(rs, "proposed_at"),
                rs.getBoolean("substantial"), proposedOn(rs));
    }

    /** The business day it was proposed on (the day recorded, in UTC, for a proposal that named none). */
    private static java.time.LocalDate proposedOn(ResultSet rs) throws SQLException {
        java.time.LocalDate on = uk.nhs.stpgov.query.support.Sql.date(rs, "proposed_on");
        return on != null ? on : java.time.LocalDate.ofInstant(instant(rs, "proposed_at"), java.time.ZoneOffset.UTC);
    }
}
