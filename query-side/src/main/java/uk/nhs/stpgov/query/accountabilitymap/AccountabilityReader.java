package uk.nhs.stpgov.query.accountabilitymap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.FormerHolder;
import uk.nhs.stpgov.query.gaps.SubjectFacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.list;
import static uk.nhs.stpgov.query.support.Sql.ts;

/** The reads of one assignment ({@code q_accountability}): its open version now, or the version valid at an instant. */
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
