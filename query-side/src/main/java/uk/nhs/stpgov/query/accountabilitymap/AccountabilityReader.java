package uk.nhs.stpgov.query.accountabilitymap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.FormerHolder;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.SubjectType;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.gaps.SubjectFacts;
import uk.nhs.stpgov.query.support.Cursor;
import uk.nhs.stpgov.query.support.Paging.Page;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.list;
import static uk.nhs.stpgov.query.support.Sql.ts;

/**
 * The reads of the assignments ({@code q_accountability}): one, or a partnership's a keyset page at a time; their open
 * versions now, or the versions valid at an instant.
 */
@Component
class AccountabilityReader {
    private final JdbcClient jdbc;

    AccountabilityReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The assignment as recorded: its holder now, and the holders before it until each one's day. */
    record Accountability(String id, String partnershipId, String subjectType, String subjectRef, List<String> themes,
                          String role, String odsCode, String post, String personName, LocalDate effectiveFrom,
                          LocalDate reviewBy, boolean joint, LocalDate heldSince, LocalDate acceptedOn,
                          LocalDate relinquishedOn, String succeededFrom, LocalDate reviewedOn,
                          List<FormerHolder> former, List<SubjectFacts.Review> reviews) {
        boolean relinquished() {
            return relinquishedOn != null;
        }

        /** The review date in force on the day (a review dated later had not happened yet). */
        LocalDate reviewByOn(LocalDate day) {
            return SubjectFacts.Review.dueOn(reviewBy, reviews, day);
        }

        /** The latest review dated on or before the day. */
        LocalDate reviewedOn(LocalDate day) {
            return reviews.isEmpty() ? reviewedOn : SubjectFacts.Review.lastOn(reviews, day);
        }

        /**
         * Who held it on {@code day}: the holder whose period covers it (a transfer dated ahead takes effect on its
         * day); before it took effect, its first holder; once relinquished, the holder it was relinquished by. Its
         * acceptance as it stood that day: one dated after it had not happened yet.
         */
        Holder holderOn(LocalDate day) {
            LocalDate judged = relinquished() && !relinquishedOn.isAfter(day) ? relinquishedOn.minusDays(1) : day;
            for (int i = 0; i < former.size(); i++) {
                FormerHolder f = former.get(i);
                if (judged.isBefore(f.until()) && (i == 0 || !judged.isBefore(f.from()))) {
                    return new Holder(f.odsCode(), f.post(), f.personName(), acceptedBy(f.acceptedOn(), day),
                            f.succeededFrom());
                }
            }
            return new Holder(odsCode, post, personName, acceptedBy(acceptedOn, day), succeededFrom);
        }

        private static LocalDate acceptedBy(LocalDate accepted, LocalDate day) {
            return accepted != null && !accepted.isAfter(day) ? accepted : null;
        }
    }

    /** One holder of an assignment: the body, post and person, its acceptance, and whom it succeeded. */
    record Holder(String odsCode, String post, String personName, LocalDate acceptedOn, String succeededFrom) {
    }

    /** Which assignments: all when every field is null. {@code odsCode}: the holder on the day asked about. */
    record Filter(ThemeCode theme, SubjectType subjectType, RaciRole role, String odsCode) {
    }

    private static final String CURRENT = " valid_to IS NULL ";
    /** Valid at {@code :t}, both ends bounded in the index q_accountability_as_of (V107), which also gives page order. */
    private static final String AS_OF = " valid_from <= :t AND coalesce(valid_to, 'infinity'::timestamptz) > :t ";
    /**
     * The holder on {@code :on}, as {@link Accountability#holderOn} finds it: judged the day before a relinquishment
     * that has taken effect, the first former holder whose period covers that day (the first one also before its
     * period), else the current holder.
     */
    private static final String HOLDER_ON = "coalesce((SELECT f.h->>'odsCode' FROM jsonb_array_elements(former_holders) "
            + "WITH ORDINALITY AS f(h, n), LATERAL (SELECT CASE WHEN relinquished_on <= CAST(:on AS date) "
            + "THEN relinquished_on - 1 ELSE CAST(:on AS date) END AS judged) j "
            + "WHERE j.judged < CAST(f.h->>'until' AS date) AND (f.n = 1 OR j.judged >= CAST(f.h->>'from' AS date)) "
            + "ORDER BY f.n LIMIT 1), ods_code)";

    /**
     * A page of the partnership's assignments as recorded at {@code asOf} (null: now), relinquished ones included, in
     * the order subject (type, ref), role, effectiveFrom, id; the filters in SQL, the holder filter judged on
     * {@code on}.
     */
    Page<Accountability> page(String partnershipId, Instant asOf, LocalDate on, Filter filter, String after,
                              int limit) {
        StringBuilder sql = new StringBuilder("SELECT *, former_holders::text AS former, reviews::text AS review_list "
                + "FROM q_accountability WHERE partnership_id = :p AND").append(asOf == null ? CURRENT : AS_OF);
        Map<String, Object> params = new HashMap<>();
        params.put("p", partnershipId);
        if (asOf != null) {
            params.put("t", ts(asOf));
        }
        if (after != null) {
            List<String> cursor = Cursor.decode(Cursor.Kind.ACCOUNTABILITIES, partnershipId + "|" + filter, after, 5);
            sql.append("AND (subject_type, subject_ref, role, effective_from, accountability_id) "
                    + "> (:st, :sr, :r, :ef, :id) ");
            params.put("st", cursor.get(0));
            params.put("sr", cursor.get(1));
            params.put("r", cursor.get(2));
            try {
                params.put("ef", LocalDate.parse(cursor.get(3)));
            } catch (DateTimeParseException e) {
                throw Cursor.refused(after);
            }
            params.put("id", cursor.get(4));
        }
        if (filter.theme() != null) {
            sql.append("AND :theme = ANY(themes) ");
            params.put("theme", filter.theme().name());
        }
        if (filter.subjectType() != null) {
            sql.append("AND subject_type = :type ");
            params.put("type", filter.subjectType().name());
        }
        if (filter.role() != null) {
            sql.append("AND role = :role ");
            params.put("role", filter.role().name());
        }
        if (filter.odsCode() != null) {
            // The cheap test first: a body that never held the assignment is passed over without reading its periods.
            sql.append("AND (ods_code = :ods OR former_holders @> jsonb_build_array(jsonb_build_object('odsCode', "
                    + "CAST(:ods AS text)))) AND ").append(HOLDER_ON).append(" = :ods ");
            params.put("ods", filter.odsCode());
            params.put("on", on);
        }
        sql.append("ORDER BY subject_type, subject_ref, role, effective_from, accountability_id LIMIT :n");
        params.put("n", limit + 1);
        List<Accountability> rows = jdbc.sql(sql.toString()).params(params).query(AccountabilityReader::accountability)
                .list();
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        Accountability last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), Cursor.encode(Cursor.Kind.ACCOUNTABILITIES,
                partnershipId + "|" + filter, last.subjectType(),
                last.subjectRef(), last.role(), last.effectiveFrom().toString(), last.id()));
    }

    Optional<Accountability> accountability(String id, Instant asOf) {
        return jdbc.sql("SELECT *, former_holders::text AS former, reviews::text AS review_list FROM q_accountability "
                        + "WHERE accountability_id = :id AND "
                        + (asOf == null ? "valid_to IS NULL" : "tstzrange(valid_from, valid_to) @> :t"))
                .param("id", id).param("t", asOf == null ? null : ts(asOf))
                .query(AccountabilityReader::accountability).optional();
    }

    private static Accountability accountability(ResultSet rs, int n) throws SQLException {
        return new Accountability(rs.getString("accountability_id"), rs.getString("partnership_id"),
                rs.getString("subject_type"), rs.getString("subject_ref"), list(rs, "themes"), rs.getString("role"),
                rs.getString("ods_code"), rs.getString("post"), rs.getString("person_name"),
                date(rs, "effective_from"), date(rs, "review_by"), rs.getBoolean("joint"), date(rs, "held_since"),
                date(rs, "accepted_on"), date(rs, "relinquished_on"), rs.getString("succeeded_from"),
                date(rs, "reviewed_on"), MapSubjects.JSON.readValue(rs.getString("former"), MapSubjects.FORMER),
                MapSubjects.JSON.readValue(rs.getString("review_list"), MapSubjects.REVIEWS));
    }
}
