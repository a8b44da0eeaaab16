package uk.nhs.stpgov.query.partnership;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Delegation;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Forum;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Member;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Partnership;
import uk.nhs.stpgov.query.web.NotFound;

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
 * The reads of the partnership read model. Now ({@code asOf} null): the open versions of members and delegations
 * (partial indexes); as of an earlier instant: the versions valid then (GiST indexes on their validity). Partnerships
 * and forums are kept as they stand, so an earlier instant only leaves out those recorded after it.
 */
@Component
public class PartnershipReader {
    private static final String CURRENT = " valid_to IS NULL ";
    private static final String AS_OF = " tstzrange(valid_from, valid_to) @> :t ";

    private final JdbcClient jdbc;

    PartnershipReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A partnership with its members, forums and delegations, as recorded at one instant. */
    public record Detail(Partnership partnership, List<Member> members, List<Forum> forums,
                         List<Delegation> delegations) {
    }

    public List<Partnership> partnerships() {
        return jdbc.sql("SELECT * FROM q_partnership ORDER BY partnership_id").query(PartnershipReader::partnership)
                .list();
    }

    public Optional<Partnership> partnership(String id, Instant asOf) {
        return jdbc.sql("SELECT * FROM q_partnership WHERE partnership_id = :p"
                        + (asOf == null ? "" : " AND recorded_at <= :t"))
                .param("p", id).param("t", asOf == null ? null : ts(asOf)).query(PartnershipReader::partnership)
                .optional();
    }

    /** 404 unless the partnership was registered (by {@code asOf}, when given). */
    public Partnership require(String id, Instant asOf) {
        return partnership(id, asOf).orElseThrow(() -> new NotFound("partnership", id));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Detail detail(String id, Instant asOf) {
        Partnership partnership = require(id, asOf);
        String valid = asOf == null ? CURRENT : AS_OF;
        return new Detail(partnership,
                select("SELECT * FROM q_member WHERE partnership_id = :p AND" + valid + "ORDER BY ods_code", id, asOf,
                        PartnershipReader::member),
                select("SELECT * FROM q_forum WHERE partnership_id = :p" + (asOf == null ? "" : " AND recorded_at <= :t")
                        + " ORDER BY name, forum_id", id, asOf, PartnershipReader::forum),
                select("SELECT * FROM q_delegation WHERE partnership_id = :p AND" + valid
                        + "ORDER BY effective_from, delegation_id", id, asOf, PartnershipReader::delegation));
    }

    private <T> List<T> select(String sql, String partnershipId, Instant asOf, RowMapper<T> mapper) {
        return jdbc.sql(sql).param("p", partnershipId).param("t", asOf == null ? null : ts(asOf)).query(mapper).list();
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
}
