package uk.nhs.stpgov.query.servicechange;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.instant;
import static uk.nhs.stpgov.query.support.Sql.ts;

/**
 * A service change's assurance tests (the result of each in force) and its stage moves, as recorded by an instant and,
 * when asked, as they stood on a business day.
 */
@Component
class ServiceChangeHistory {
    record AssuranceTestView(String test, String result, String evidence, Instant recordedAt, LocalDate assessedOn,
                             String assessor) {
    }

    record StageMove(String from, String to, String note, Instant recordedAt) {
    }

    /** The day a result was assessed (a revision-1 result, which named none: the day it was recorded, in UTC). */
    private static final String ASSESSED_ON = "coalesce(assessed_on, (recorded_at AT TIME ZONE 'UTC')::date)";

    private final JdbcClient jdbc;

    ServiceChangeHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Each test's result in force as recorded by {@code at}: assessed on the latest day (of the same day, recorded
     * last), as the stage rule and ASSURANCE_NOT_MET judge it; with {@code on}, only the results assessed by that day.
     */
    List<AssuranceTestView> assuranceTests(String serviceChangeId, Instant at, LocalDate on) {
        return jdbc.sql("SELECT DISTINCT ON (test) * FROM q_assurance_test WHERE service_change_id = :id "
                        + "AND recorded_at <= :at " + (on == null ? "" : "AND " + ASSESSED_ON + " <= :on ")
                        + "ORDER BY test, " + ASSESSED_ON + " DESC, seq DESC")
                .param("id", serviceChangeId).param("at", ts(at)).param("on", on)
                .query((rs, n) -> new AssuranceTestView(rs.getString("test"), rs.getString("result"),
                        rs.getString("evidence"), instant(rs, "recorded_at"), date(rs, "assessed_on"),
                        rs.getString("assessor")))
                .list();
    }

    /**
     * The moves recorded by {@code at}; with {@code on}, those made by that business day. A move names no date of its
     * own: it took effect on the day it was recorded, in the business zone.
     */
    List<StageMove> stageMoves(String serviceChangeId, Instant at, LocalDate on, ZoneId zone) {
        return jdbc.sql("SELECT * FROM q_stage_move WHERE service_change_id = :id AND recorded_at <= :at "
                        + (on == null ? "" : "AND (recorded_at AT TIME ZONE :zone)::date <= :on ") + "ORDER BY seq")
                .param("id", serviceChangeId).param("at", ts(at)).param("on", on).param("zone", zone.getId())
                .query((rs, n) -> new StageMove(rs.getString("from_stage"), rs.getString("to_stage"),
                        rs.getString("note"), instant(rs, "recorded_at")))
                .list();
    }
}
