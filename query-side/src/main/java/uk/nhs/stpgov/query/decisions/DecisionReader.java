package uk.nhs.stpgov.query.decisions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.support.MemberPeriod;
import uk.nhs.stpgov.query.support.Cursor;
import uk.nhs.stpgov.query.support.Paging.Page;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.instant;
import static uk.nhs.stpgov.query.support.Sql.list;
import static uk.nhs.stpgov.query.support.Sql.ts;

/**
 * The reads of the decision read model. The history is newest first by decidedOn, then by recorded time (then by
 * id), a keyset page at a time with the filters in SQL; now from the open versions, as of an earlier instant from
 * the versions valid then (GiST index on their validity). On a business day ({@code on}), a decision is as it stood
 * that day: decided by then, its status, answers and successors only those dated on or before it.
 */
@Component
public class DecisionReader {
    private static final String CURRENT = " valid_to IS NULL ";
    private static final String AS_OF = " tstzrange(valid_from, valid_to) @> :t ";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Position>> POSITIONS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> PASSED_TO = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    DecisionReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Decision(String id, String partnershipId, String title, ThemeCode theme, String forumId,
                           String serviceChangeId, List<String> decidingOdsCodes, String outcome, String rationale,
                           LocalDate decidedOn, String supersedes, String supersededBy, DecisionStatus status,
                           LocalDate statusOn, String statusReason, Instant recordedAt, String reference,
                           List<Position> positions, Map<String, String> passedTo) {
        /**
         * The decision as it stood on {@code day}: a supersession or rescission dated after it has not happened yet,
         * nor has a succession dated after it ({@code succeededOn}: each predecessor's succession day).
         */
        Decision on(LocalDate day, Map<String, LocalDate> succeededOn) {
            boolean changedLater = status != DecisionStatus.ACTIVE && statusOn != null && statusOn.isAfter(day);
            return new Decision(id, partnershipId, title, theme, forumId, serviceChangeId, decidingOdsCodes, outcome,
                    rationale, decidedOn, supersedes, changedLater ? null : supersededBy,
                    changedLater ? DecisionStatus.ACTIVE : status, changedLater ? null : statusOn,
                    changedLater ? null : statusReason, recordedAt, reference, positions,
                    passedWhen(succeededOn, passed -> !passed.isAfter(day)));
        }

        /**
         * Without what passed by a succession on or after the day it was rescinded or superseded: nothing was owed on
         * it any more, whichever was recorded first (a succession recorded before a back-loaded log passed the
         * ratification when the decision was loaded, before its supersession was).
         */
        Decision owedWhileActive(Map<String, LocalDate> succeededOn) {
            if (status == DecisionStatus.ACTIVE || statusOn == null) {
                return this;
            }
            return new Decision(id, partnershipId, title, theme, forumId, serviceChangeId, decidingOdsCodes, outcome,
                    rationale, decidedOn, supersedes, supersededBy, status, statusOn, statusReason, recordedAt,
                    reference, positions, passedWhen(succeededOn, passed -> passed.isBefore(statusOn)));
        }

        /** The passes whose succession day ({@code succeededOn}, by predecessor) is kept; one of no known day is. */
        private Map<String, String> passedWhen(Map<String, LocalDate> succeededOn,
                                               java.util.function.Predicate<LocalDate> kept) {
            Map<String, String> passes = new HashMap<>();
            passedTo.forEach((predecessor, successor) -> {
                LocalDate passed = succeededOn.get(predecessor);
                if (passed == null || kept.test(passed)) {
                    passes.put(predecessor, successor);
                }
            });
            return passes;
        }
    }

    /** How one body stood on the decision. */
    public record Position(String odsCode, String position) {
    }

    /** A body's answer: ratified on {@code ratifiedOn}, or (declined) refused on that day for {@code reason}. */
    public record Ratification(String decisionId, String odsCode, LocalDate ratifiedOn, boolean declined,
                               String reason) {
    }

    public record Filter(ThemeCode theme, String serviceChangeId, DecisionStatus status) {
    }

    /** A decision with its ratifications and each deciding body's binding, as recorded by the same instant. */
    public record Ratified(Decision decision, List<Ratification> ratifications, List<Bindings.Binding> bindings) {
    }

    /**
     * A page of the history as recorded at {@code asOf} (null: now); with {@code on}, only the decisions taken by
     * that day, each as it stood then, and the status filter judged on it. Without {@code on}, every recorded fact
     * counts, whatever its date.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<Ratified> page(String partnershipId, Instant asOf, LocalDate on, Filter filter, String after,
                               int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM q_decision WHERE partnership_id = :p AND")
                .append(asOf == null ? CURRENT : AS_OF);
        Map<String, Object> params = new HashMap<>();
        params.put("p", partnershipId);
        if (asOf != null) {
            params.put("t", ts(asOf));
        }
        if (on != null) {
            sql.append("AND decided_on <= :on ");
            params.put("on", on);
        }
        if (after != null) {
            List<String> cursor = Cursor.decode(Cursor.Kind.DECISIONS, partnershipId + "|" + filter, after, 3);
            sql.append("AND (decided_on, recorded_at, decision_id) < (:d, :r, :id) ");
            try {
                params.put("d", LocalDate.parse(cursor.get(0)));
                params.put("r", ts(Instant.parse(cursor.get(1))));
            } catch (DateTimeParseException e) {
                throw Cursor.refused(after);
            }
            params.put("id", cursor.get(2));
        }
        if (filter.theme() != null) {
            sql.append("AND theme = :theme ");
            params.put("theme", filter.theme().name());
        }
        if (filter.serviceChangeId() != null) {
            sql.append("AND service_change_id = :sc ");
            params.put("sc", filter.serviceChangeId());
        }
        if (filter.status() != null && on == null) {
            sql.append("AND status = :status ");
            params.put("status", filter.status().name());
        } else if (filter.status() == DecisionStatus.ACTIVE) {
            // Active that day: never changed, or changed after it.
            sql.append("AND (status = 'ACTIVE' OR status_on > :on) ");
        } else if (filter.status() != null) {
            sql.append("AND status = :status AND (status_on IS NULL OR status_on <= :on) ");
            params.put("status", filter.status().name());
        }
        sql.append("ORDER BY decided_on DESC, recorded_at DESC, decision_id DESC LIMIT :n");
        params.put("n", limit + 1);
        List<Decision> rows = jdbc.sql(sql.toString()).params(params).query(DecisionReader::decision).list();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Decision last = rows.get(limit - 1);
            next = Cursor.encode(Cursor.Kind.DECISIONS, partnershipId + "|" + filter,
                    last.decidedOn().toString(), last.recordedAt().toString(), last.id());
        }
        Map<String, List<Ratification>> ratifications = ratifications(rows.stream().map(Decision::id).toList(), asOf);
        Context context = rows.isEmpty() ? null : context(partnershipId, asOf);
        return new Page<>(rows.stream().map(d -> ratified(d, ratifications.getOrDefault(d.id(), List.of()), context,
                on)).toList(), next);
    }

    /** Every decision that passes the filter, page after page, for exports that are never cut. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void each(String partnershipId, Instant asOf, LocalDate on, Filter filter, Consumer<Ratified> sink) {
        String after = null;
        do {
            Page<Ratified> page = page(partnershipId, asOf, on, filter, after, 1000);
            page.rows().forEach(sink);
            after = page.next();
        } while (after != null);
    }

    public Optional<Decision> decision(String id, Instant asOf) {
        return jdbc.sql("SELECT * FROM q_decision WHERE decision_id = :id AND" + (asOf == null ? CURRENT : AS_OF))
                .param("id", id).param("t", asOf == null ? null : ts(asOf)).query(DecisionReader::decision).optional();
    }

    /**
     * One decision with its ratifications and bindings, as recorded at {@code asOf} (null: now) and, with
     * {@code on}, as it stood that day (empty when it was not yet taken).
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<Ratified> ratified(String id, Instant asOf, LocalDate on) {
        return decision(id, asOf).filter(d -> on == null || !d.decidedOn().isAfter(on))
                .map(d -> ratified(d, ratifications(List.of(id), asOf).getOrDefault(id, List.of()),
                        context(d.partnershipId(), asOf), on));
    }

    /**
     * The partnership's statutory bodies, delegations and successions at the same instant: what bindings are judged
     * on. {@code succeededOn}: the day each succeeded body passed what it owed to its successor.
     */
    private record Context(Set<String> statutory, List<Bindings.Delegation> delegations,
                           Map<String, LocalDate> succeededOn) {
    }

    private Context context(String partnershipId, Instant asOf) {
        String at = asOf == null ? CURRENT : AS_OF;
        Set<String> statutory = new HashSet<>();
        Map<String, LocalDate> succeededOn = new HashMap<>();
        jdbc.sql("SELECT ods_code, statutory, joined_on, withdrawn_on, withdraw_reason, succeeded_by, earlier_periods "
                        + "FROM q_member WHERE partnership_id = :p AND" + at)
                .param("p", partnershipId).param("t", asOf == null ? null : ts(asOf))
                .query(rs -> {
                    if (rs.getBoolean("statutory")) {
                        statutory.add(rs.getString("ods_code"));
                    }
                    // Any period it was succeeded in: a body admitted again after its succession still passed on
                    // what it owed then.
                    String ods = rs.getString("ods_code");
                    MemberPeriod.of(rs).stream().filter(p -> p.succeededBy() != null)
                            .forEach(p -> succeededOn.put(ods, p.withdrawnOn()));
                });
        List<Bindings.Delegation> delegations = jdbc.sql("SELECT forum_id, from_ods_code, themes, effective_from, "
                        + "effective_to, revoked_on FROM q_delegation WHERE partnership_id = :p AND" + at)
                .param("p", partnershipId).param("t", asOf == null ? null : ts(asOf))
                .query((rs, n) -> new Bindings.Delegation(rs.getString(1), rs.getString(2), list(rs, "themes").stream()
                        .map(ThemeCode::valueOf).collect(Collectors.toSet()), date(rs, "effective_from"),
                        date(rs, "effective_to"), date(rs, "revoked_on")))
                .list();
        return new Context(statutory, delegations, succeededOn);
    }

    /** With {@code on}: the decision, its answers and its successors as they stood that day. */
    private static Ratified ratified(Decision recorded, List<Ratification> answers, Context context, LocalDate on) {
        Decision d = (on == null ? recorded : recorded.on(on, context.succeededOn()))
                .owedWhileActive(context.succeededOn());
        List<Ratification> ratifications = on == null ? answers
                : answers.stream().filter(r -> !r.ratifiedOn().isAfter(on)).toList();
        return new Ratified(d, ratifications, Bindings.of(d.theme(), d.forumId(), d.outcome(), d.decidedOn(),
                d.decidingOdsCodes(), d.passedTo(), context.statutory(), context.delegations(),
                ratifications.stream().map(r -> new Bindings.Answer(r.odsCode(), r.ratifiedOn(), r.declined()))
                        .toList()));
    }

    private Map<String, List<Ratification>> ratifications(List<String> decisionIds, Instant asOf) {
        if (decisionIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT decision_id, ods_code, ratified_on, declined, reason FROM q_ratification "
                        + "WHERE decision_id IN (:ids) "
                        + (asOf == null ? "" : "AND recorded_at <= :t ") + "ORDER BY ratified_on, ods_code")
                .param("ids", decisionIds).param("t", asOf == null ? null : ts(asOf))
                .query((rs, n) -> new Ratification(rs.getString(1), rs.getString(2), date(rs, "ratified_on"),
                        rs.getBoolean("declined"), rs.getString("reason")))
                .list().stream().collect(Collectors.groupingBy(Ratification::decisionId));
    }

    private static Decision decision(ResultSet rs, int n) throws SQLException {
        return new Decision(rs.getString("decision_id"), rs.getString("partnership_id"), rs.getString("title"),
                ThemeCode.valueOf(rs.getString("theme")), rs.getString("forum_id"), rs.getString("service_change_id"),
                list(rs, "deciding_ods_codes"), rs.getString("outcome"), rs.getString("rationale"),
                date(rs, "decided_on"), rs.getString("supersedes"), rs.getString("superseded_by"),
                DecisionStatus.valueOf(rs.getString("status")), date(rs, "status_on"), rs.getString("status_reason"),
                instant(rs, "recorded_at"), rs.getString("reference"),
                JSON.readValue(rs.getString("positions"), POSITIONS),
                JSON.readValue(rs.getString("passed_to"), PASSED_TO));
    }
}
