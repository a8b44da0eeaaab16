package uk.nhs.stpgov.query.common;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.nhs.stpgov.query.common.Rows.Accountability;
import uk.nhs.stpgov.query.common.Rows.Decision;
import uk.nhs.stpgov.query.common.Rows.Delegation;
import uk.nhs.stpgov.query.common.Rows.Forum;
import uk.nhs.stpgov.query.common.Rows.Member;
import uk.nhs.stpgov.query.common.Rows.Partnership;
import uk.nhs.stpgov.query.common.Rows.Ratification;
import uk.nhs.stpgov.query.common.Rows.ServiceChange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.instant;
import static uk.nhs.stpgov.query.support.Sql.list;
import static uk.nhs.stpgov.query.support.Sql.ts;

/**
 * Reads what the projections showed at an instant: for versioned tables the version whose recorded-time validity
 * contains it, for append-only tables the rows recorded by then. One statement per table, in one read-only
 * transaction so the parts agree with each other.
 */
@Component
public class RecordReader {
    private static final String AT = " tstzrange(valid_from, valid_to) @> :t ";

    private final JdbcClient jdbc;

    public RecordReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Partnership> partnerships(Instant t) {
        return jdbc.sql("SELECT * FROM q_partnership WHERE recorded_at <= :t ORDER BY partnership_id")
                .param("t", ts(t)).query(RecordReader::partnership).list();
    }

    public Optional<Partnership> partnership(String id, Instant t) {
        return jdbc.sql("SELECT * FROM q_partnership WHERE partnership_id = :p AND recorded_at <= :t")
                .param("p", id).param("t", ts(t)).query(RecordReader::partnership).optional();
    }

    @Transactional(readOnly = true)
    public Optional<PartnershipRecord> record(String partnershipId, Instant t) {
        return partnership(partnershipId, t).map(p -> new PartnershipRecord(p, t,
                select("SELECT * FROM q_member WHERE partnership_id = :p AND" + AT + "ORDER BY ods_code",
                        partnershipId, t, RecordReader::member),
                select("SELECT * FROM q_forum WHERE partnership_id = :p AND recorded_at <= :t ORDER BY name, forum_id",
                        partnershipId, t, RecordReader::forum),
                select("SELECT * FROM q_delegation WHERE partnership_id = :p AND" + AT + "ORDER BY effective_from, delegation_id",
                        partnershipId, t, RecordReader::delegation),
                select("SELECT * FROM q_service_change WHERE partnership_id = :p AND" + AT + "ORDER BY proposed_at, service_change_id",
                        partnershipId, t, RecordReader::serviceChange),
                select("SELECT * FROM q_decision WHERE partnership_id = :p AND" + AT
                        + "ORDER BY decided_on DESC, recorded_at DESC, decision_id", partnershipId, t, RecordReader::decision),
                select("SELECT * FROM q_ratification WHERE partnership_id = :p AND recorded_at <= :t "
                        + "ORDER BY ratified_on, ods_code",
                        partnershipId, t, RecordReader::ratification),
                select("SELECT * FROM q_accountability WHERE partnership_id = :p AND" + AT
                        + "ORDER BY effective_from, accountability_id", partnershipId, t, RecordReader::accountability)));
    }

    public Optional<ServiceChange> serviceChange(String id, Instant t) {
        return jdbc.sql("SELECT * FROM q_service_change WHERE service_change_id = :id AND" + AT)
                .param("id", id).param("t", ts(t)).query(RecordReader::serviceChange).optional();
    }

    public Optional<Decision> decision(String id, Instant t) {
        return jdbc.sql("SELECT * FROM q_decision WHERE decision_id = :id AND" + AT)
                .param("id", id).param("t", ts(t)).query(RecordReader::decision).optional();
    }

    public List<Ratification> ratifications(String decisionId, Instant t) {
        return jdbc.sql("SELECT * FROM q_ratification WHERE decision_id = :id AND recorded_at <= :t ORDER BY ratified_on")
                .param("id", decisionId).param("t", ts(t)).query(RecordReader::ratification).list();
    }

    public Optional<Accountability> accountability(String id, Instant t) {
        return jdbc.sql("SELECT * FROM q_accountability WHERE accountability_id = :id AND" + AT)
                .param("id", id).param("t", ts(t)).query(RecordReader::accountability).optional();
    }

    private <T> List<T> select(String sql, String partnershipId, Instant t,
                               org.springframework.jdbc.core.RowMapper<T> mapper) {
        return jdbc.sql(sql).param("p", partnershipId).param("t", ts(t)).query(mapper).list();
    }

    private static Partnership partnership(ResultSet rs, int n) throws SQLException {
        return new Partnership(rs.getString("partnership_id"), rs.getString("name"), rs.getString("region"),
                instant(rs, "recorded_at"), rs.getString("status"), date(rs, "status_on"));
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(rs.getString("ods_code"), rs.getString("name"), rs.getString("sector"),
                rs.getBoolean("statutory"), date(rs, "joined_on"), date(rs, "withdrawn_on"),
                rs.getString("withdraw_reason"), rs.getString("succeeded_by"));
    }

    private static Forum forum(ResultSet rs, int n) throws SQLException {
        return new Forum(rs.getString("forum_id"), rs.getString("name"), rs.getString("kind"),
                list(rs, "member_ods_codes"), list(rs, "themes"), instant(rs, "recorded_at"), date(rs, "terms_on"));
    }

    private static Delegation delegation(ResultSet rs, int n) throws SQLException {
        return new Delegation(rs.getString("delegation_id"), rs.getString("forum_id"), rs.getString("from_ods_code"),
                list(rs, "themes"), date(rs, "effective_from"), date(rs, "effective_to"), date(rs, "revoked_on"),
                rs.getString("revoke_reason"), rs.getString("succeeded_from"), rs.getString("previous_delegation_id"));
    }

    private static ServiceChange serviceChange(ResultSet rs, int n) throws SQLException {
        return new ServiceChange(rs.getString("service_change_id"), rs.getString("partnership_id"),
                rs.getString("title"), rs.getString("kind"), list(rs, "themes"), rs.getString("lead_ods_code"),
                rs.getString("description"), rs.getString("stage"), instant(rs, "proposed_at"),
                rs.getBoolean("substantial"));
    }

    private static Decision decision(ResultSet rs, int n) throws SQLException {
        return new Decision(rs.getString("decision_id"), rs.getString("partnership_id"), rs.getString("title"),
                rs.getString("theme"), rs.getString("forum_id"), rs.getString("service_change_id"),
                list(rs, "deciding_ods_codes"), rs.getString("outcome"), rs.getString("rationale"),
                date(rs, "decided_on"), rs.getString("supersedes"), rs.getString("superseded_by"),
                rs.getString("status"), date(rs, "status_on"), rs.getString("status_reason"),
                instant(rs, "recorded_at"));
    }

    private static Ratification ratification(ResultSet rs, int n) throws SQLException {
        return new Ratification(rs.getString("decision_id"), rs.getString("ods_code"), date(rs, "ratified_on"));
    }

    private static Accountability accountability(ResultSet rs, int n) throws SQLException {
        return new Accountability(rs.getString("accountability_id"), rs.getString("partnership_id"),
                rs.getString("subject_type"), rs.getString("subject_ref"), list(rs, "themes"), rs.getString("role"),
                rs.getString("ods_code"), rs.getString("post"), rs.getString("person_name"),
                date(rs, "effective_from"), date(rs, "review_by"), rs.getBoolean("joint"), date(rs, "held_since"),
                date(rs, "accepted_on"), date(rs, "relinquished_on"), rs.getString("succeeded_from"),
                date(rs, "reviewed_on"));
    }
}
