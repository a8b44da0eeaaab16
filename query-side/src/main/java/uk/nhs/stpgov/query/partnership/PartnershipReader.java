package uk.nhs.stpgov.query.partnership;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import uk.nhs.stpgov.events.PartnershipStatus;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Delegation;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Forum;
import uk.nhs.stpgov.query.partnership.PartnershipRows.ForumTerms;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Member;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Partnership;
import uk.nhs.stpgov.query.partnership.PartnershipRows.StatusChange;
import uk.nhs.stpgov.query.support.MemberPeriod;
import uk.nhs.stpgov.query.web.NotFound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.instant;
import static uk.nhs.stpgov.query.support.Sql.list;
import static uk.nhs.stpgov.query.support.Sql.ts;

/**
 * The reads of the partnership read model. Now ({@code asOf} null): the open versions of members and delegations
 * (partial indexes); as of an earlier instant: the versions valid then (GiST indexes on their validity). Partnerships
 * and forums are kept as they stand, so an earlier instant only leaves out those recorded after it; their status,
 * name and terms come from their histories ({@code q_partnership_status}, {@code q_forum_terms}: the rows recorded by
 * then), judged on a business day.
 */
@Component
public class PartnershipReader {
    private static final String CURRENT = " valid_to IS NULL ";
    private static final String AS_OF = " tstzrange(valid_from, valid_to) @> :t ";

    private final JdbcClient jdbc;

    PartnershipReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A partnership with its members, forums and delegations, as recorded at one instant: its status and name, and
     * its forums' terms, as they stood on one day; the forums established by then.
     */
    public record Detail(Partnership partnership, List<Member> members, List<Forum> forums,
                         List<Delegation> delegations) {
    }

    /** A delegation and the member it is from (null if not recorded), read in one snapshot: its inForce needs both. */
    public record DelegationFrom(Delegation delegation, Member from) {
    }

    /** Every partnership with the name and status in force on {@code day} (a rename dated ahead is not yet). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<Partnership> partnerships(LocalDate day) {
        Map<String, List<StatusChange>> statuses = new HashMap<>();
        jdbc.sql("SELECT partnership_id, status, name, status_on FROM q_partnership_status ORDER BY partnership_id, seq")
                .query(rs -> {
                    statuses.computeIfAbsent(rs.getString("partnership_id"), id -> new ArrayList<>())
                            .add(statusChange(rs, 0));
                });
        return jdbc.sql("SELECT * FROM q_partnership ORDER BY partnership_id").query(PartnershipReader::partnership)
                .list().stream().map(p -> onDay(p, statuses.getOrDefault(p.id(), List.of()), day)).toList();
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
    public Detail detail(String id, Instant asOf, LocalDate day) {
        Partnership partnership = require(id, asOf);
        String recorded = asOf == null ? "" : " AND recorded_at <= :t";
        List<StatusChange> statuses = select("SELECT status, name, status_on FROM q_partnership_status "
                + "WHERE partnership_id = :p" + recorded + " ORDER BY seq", id, asOf, PartnershipReader::statusChange);
        List<Member> members = members(id, asOf);
        return new Detail(onDay(partnership, statuses, day), members, forums(id, null, asOf, day, members),
                delegations(id, null, null, asOf));
    }

    private List<Member> members(String partnershipId, Instant asOf) {
        return select("SELECT * FROM q_member WHERE partnership_id = :p AND" + (asOf == null ? CURRENT : AS_OF)
                + "ORDER BY ods_code", partnershipId, asOf, PartnershipReader::member);
    }

    /**
     * One forum of a partnership as {@link #detail} lists it: recorded by {@code asOf} (null: now), with its terms on
     * {@code day}. Empty if the partnership has no such forum, or had not established it by that day.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<Forum> forum(String partnershipId, String forumId, Instant asOf, LocalDate day) {
        require(partnershipId, asOf);
        return forums(partnershipId, forumId, asOf, day, members(partnershipId, asOf)).stream().findFirst();
    }

    /**
     * One delegation of a forum as {@link #detail} lists it: the version recorded by {@code asOf} (null: now), with
     * the member it is from. Empty if the forum has no such delegation.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<DelegationFrom> delegation(String partnershipId, String forumId, String delegationId,
                                               Instant asOf) {
        require(partnershipId, asOf);
        return delegations(partnershipId, forumId, delegationId, asOf).stream().findFirst()
                .map(d -> new DelegationFrom(d, memberRow(partnershipId, d.fromOdsCode(), asOf).orElse(null)));
    }

    /**
     * The forums (null {@code forumId}: every one) recorded by {@code asOf}, with their terms on {@code day} less the
     * seats of bodies gone by then: one that has left sits no longer, though no terms were set since.
     */
    private List<Forum> forums(String partnershipId, String forumId, Instant asOf, LocalDate day,
                               List<Member> members) {
        String recorded = asOf == null ? "" : " AND recorded_at <= :t";
        String one = forumId == null ? "" : " AND forum_id = :f";
        Map<String, List<ForumTerms>> terms = select("SELECT forum_id, member_ods_codes, themes, terms_on "
                        + "FROM q_forum_terms WHERE partnership_id = :p" + one + recorded + " ORDER BY seq",
                partnershipId, forumId, null, asOf, PartnershipReader::forumTerms).stream()
                .collect(Collectors.groupingBy(ForumTerms::forumId));
        return select("SELECT * FROM q_forum WHERE partnership_id = :p" + one + recorded + " ORDER BY name, forum_id",
                partnershipId, forumId, null, asOf, PartnershipReader::forum).stream()
                .flatMap(f -> onDay(f, terms.getOrDefault(f.id(), List.of()), day).stream())
                .map(f -> new Forum(f.id(), f.name(), f.kind(), f.memberOdsCodes().stream()
                        .filter(ods -> members.stream().noneMatch(m -> m.odsCode().equals(ods) && m.leftBy(day)))
                        .toList(), f.themes(), f.recordedAt(), f.termsOn()))
                .toList();
    }

    /** The delegations (of one forum, or one of them, when named) in their versions valid at {@code asOf}. */
    private List<Delegation> delegations(String partnershipId, String forumId, String delegationId, Instant asOf) {
        return select("SELECT * FROM q_delegation WHERE partnership_id = :p"
                        + (forumId == null ? "" : " AND forum_id = :f")
                        + (delegationId == null ? "" : " AND delegation_id = :d")
                        + " AND" + (asOf == null ? CURRENT : AS_OF) + "ORDER BY effective_from, delegation_id",
                partnershipId, forumId, delegationId, asOf, PartnershipReader::delegation);
    }

    /**
     * One member of a partnership as {@link #detail} lists it, recorded by {@code asOf} (null: now): the version in
     * force then (a body that left and rejoined has one at any instant). Empty if the partnership has no such member.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<Member> member(String partnershipId, String odsCode, Instant asOf) {
        require(partnershipId, asOf);
        return memberRow(partnershipId, odsCode, asOf);
    }

    private Optional<Member> memberRow(String partnershipId, String odsCode, Instant asOf) {
        return jdbc.sql("SELECT * FROM q_member WHERE partnership_id = :p AND ods_code = :ods AND"
                        + (asOf == null ? CURRENT : AS_OF) + "ORDER BY seq DESC LIMIT 1")
                .param("p", partnershipId).param("ods", odsCode).param("t", asOf == null ? null : ts(asOf))
                .query(PartnershipReader::member).optional();
    }

    /**
     * The status and name in force on {@code day}: those of the last change by day (a change back-loaded after a later
     * one slots in by its day; the same day, in recorded order) dated on or before it, a change without a name keeping
     * the one before; before any change, STP and the registered name (the registration row, dated from the start).
     */
    private static Partnership onDay(Partnership recorded, List<StatusChange> history, LocalDate day) {
        String status = PartnershipStatus.STP.name();
        String name = recorded.name();
        LocalDate statusOn = null;
        List<StatusChange> byDay = history.stream().sorted(java.util.Comparator.comparing(StatusChange::on,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))).toList();
        for (StatusChange change : byDay) {
            if (change.on() == null || !change.on().isAfter(day)) {
                status = change.status();
                statusOn = change.on();
                name = change.name() == null ? name : change.name();
            }
        }
        return new Partnership(recorded.id(), name, recorded.region(), recorded.registeredAt(), status, statusOn);
    }

    /**
     * The forum on {@code day}, as the command side judges it: the last terms, in recorded order, dated on or before
     * it, establishment terms recorded without a date counting from any day; none (empty) before it was established.
     * {@code termsOn} is null while its establishment terms are in force.
     */
    private static Optional<Forum> onDay(Forum forum, List<ForumTerms> history, LocalDate day) {
        Forum inForce = null;
        for (int i = 0; i < history.size(); i++) {
            ForumTerms terms = history.get(i);
            if (terms.on() == null || !terms.on().isAfter(day)) {
                inForce = new Forum(forum.id(), forum.name(), forum.kind(), terms.memberOdsCodes(), terms.themes(),
                        forum.recordedAt(), i == 0 ? null : terms.on());
            }
        }
        return Optional.ofNullable(inForce);
    }

    private <T> List<T> select(String sql, String partnershipId, Instant asOf, RowMapper<T> mapper) {
        return select(sql, partnershipId, null, null, asOf, mapper);
    }

    /** {@code :p} the partnership, {@code :f} a forum, {@code :d} a delegation, {@code :t} the instant asked about. */
    private <T> List<T> select(String sql, String partnershipId, String forumId, String delegationId, Instant asOf,
                               RowMapper<T> mapper) {
        return jdbc.sql(sql).param("p", partnershipId).param("f", forumId).param("d", delegationId)
                .param("t", asOf == null ? null : ts(asOf)).query(mapper).list();
    }

    private static Partnership partnership(ResultSet rs, int n) throws SQLException {
        return new Partnership(rs.getString("partnership_id"), rs.getString("name"), rs.getString("region"),
                instant(rs, "recorded_at"), rs.getString("status"), date(rs, "status_on"));
    }

    private static StatusChange statusChange(ResultSet rs, int n) throws SQLException {
        return new StatusChange(rs.getString("status"), rs.getString("name"), date(rs, "status_on"));
    }

    private static ForumTerms forumTerms(ResultSet rs, int n) throws SQLException {
        return new ForumTerms(rs.getString("forum_id"), list(rs, "member_ods_codes"), list(rs, "themes"),
                date(rs, "terms_on"));
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(rs.getString("ods_code"), rs.getString("name"), rs.getString("sector"),
                rs.getBoolean("statutory"), date(rs, "joined_on"), date(rs, "withdrawn_on"),
                rs.getString("withdraw_reason"), rs.getString("succeeded_by"), MemberPeriod.of(rs));
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
