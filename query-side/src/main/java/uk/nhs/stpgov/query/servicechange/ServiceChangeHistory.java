package uk.nhs.stpgov.query.servicechange;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.instant;
import static uk.nhs.stpgov.query.support.Sql.ts;

/** A service change's assurance tests (the latest result of each) and its stage moves, as recorded by an instant. */
@Component
class ServiceChangeHistory {
    record AssuranceTestView(String test, String result, String evidence, Instant recordedAt, LocalDate assessedOn,
                             String assessor) {
    }

    record StageMove(String from, String to, String note, Instant recordedAt) {
    }

    private final JdbcClient jdbc;

    ServiceChangeHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AssuranceTestView> assuranceTests(String serviceChangeId, Instant at) {
        // Each test's result in force: assessed on the latest day (of the same day, recorded last), as the stage rule
        // and ASSURANCE_NOT_MET judge it.
        return jdbc.sql("SELECT DISTINCT ON (test) * FROM q_assurance_test WHERE service_change_id = ? "
                        + "AND recorded_at <= ? ORDER BY test, coalesce(assessed_on, (recorded_at AT TIME ZONE 'UTC')::date) "
                        + "DESC, seq DESC")
                .params(serviceChangeId, ts(at))
                .query((rs, n) -> new AssuranceTestView(rs.getString("test"), rs.getString("result"),
                        rs.getString("evidence"), instant(rs, "recorded_at"), date(rs, "assessed_on"),
                        rs.getString("assessor")))
                .list();
    }

    List<StageMove> stageMoves(String serviceChangeId, Instant at) {
        return jdbc.sql("SELECT * FROM q_stage_move WHERE service_change_id = ? AND recorded_at <= ? ORDER BY seq")
                .params(serviceChangeId, ts(at))
                .query((rs, n) -> new StageMove(rs.getString("from_stage"), rs.getString("to_stage"),
                        rs.getString("note"), instant(rs, "recorded_at")))
                .list();
    }
}
