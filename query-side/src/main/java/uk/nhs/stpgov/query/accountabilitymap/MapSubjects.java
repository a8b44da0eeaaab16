package uk.nhs.stpgov.query.accountabilitymap;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.themes.ThemeCatalog;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.Key;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.FormerHolder;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.StoredHolder;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.StoredWindow;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.SubjectRow;
import uk.nhs.stpgov.query.gaps.Gap.SubjectRef;
import uk.nhs.stpgov.query.gaps.GapRules;
import uk.nhs.stpgov.query.gaps.GapWindow;
import uk.nhs.stpgov.query.gaps.SubjectFacts;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DecisionFacts;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DelegationFacts;
import uk.nhs.stpgov.query.gaps.SubjectFacts.ServiceChangeFacts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.instant;
import static uk.nhs.stpgov.query.support.Sql.list;
import static uk.nhs.stpgov.query.support.Sql.ts;

/**
 * The writes of the map read model: recomputes a subject's row from the current rows of the partnership, decision,
 * service-change and accountability read models (written before it in the same processing group and transaction,
 * one partnership's events in order), and keeps the partnership's counts. A row that comes out the same as the open
 * one writes nothing, so a redelivered event changes nothing.
 */
@Component
class MapSubjects {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TypeReference<List<StoredHolder>> HOLDERS = new TypeReference<>() {
    };
    static final TypeReference<List<StoredWindow>> WINDOWS = new TypeReference<>() {
    };
    static final TypeReference<List<FormerHolder>> FORMER = new TypeReference<>() {
    };
    static final TypeReference<Map<String, String>> SUCCEEDED_FROM = new TypeReference<>() {
    };
    static final String SUBJECTS = "SUBJECTS";
    private static final String BATCH = MapSubjects.class.getName() + ".batch";
    private static final String COLUMNS = "partnership_id, subject_type, subject_ref, sort_key, title, theme, themes, "
            + "ods_codes, holders::text AS holders, gaps::text AS gaps";
    static final String WITH_GAPS = "WITH_GAPS";
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ThemeCatalog themes;

    MapSubjects(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ThemeCatalog themes) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.themes = themes;
    }

    /** The subjects of the partnership's current map that name the body (as holder, lead or decider). */
    List<Key> naming(String partnershipId, String odsCode) {
        List<Key> keys = new ArrayList<>(namingInBatch(partnershipId, odsCode));
        keys.addAll(jdbc.sql("SELECT subject_type, subject_ref FROM q_map_subject WHERE partnership_id = ? "
                        + "AND valid_to IS NULL AND ? = ANY(ods_codes)")
                .params(partnershipId, odsCode).query((rs, n) -> new Key(rs.getString(1), rs.getString(2))).list());
        return keys;
    }

    List<Key> decisionsOfForum(String forumId) {
        return jdbc.sql("SELECT decision_id FROM q_decision WHERE forum_id = ? AND valid_to IS NULL")
                .param(forumId).query((rs, n) -> new Key("DECISION", rs.getString(1))).list();
    }

    List<Key> decisionsOnServiceChange(String serviceChangeId) {
        return jdbc.sql("SELECT decision_id FROM q_decision WHERE service_change_id = ? AND valid_to IS NULL")
                .param(serviceChangeId).query((rs, n) -> new Key("DECISION", rs.getString(1))).list();
    }

    void refresh(String partnershipId, Collection<Key> keys, Instant at) {
        if (keys.isEmpty()) {
            return;
        }
        Map<String, Body> bodies = batch().bodies.computeIfAbsent(partnershipId, this::bodies);
        for (Key key : new LinkedHashSet<>(keys)) {
            write(partnershipId, key, compute(partnershipId, key, bodies), at);
        }
    }

    // ---------------------------------------------------------------- computing a row

    private Optional<SubjectRow> compute(String pid, Key key, Map<String, Body> bodies) {
        List<AssignmentRow> rows = assignments(pid, key);
        List<Assignment> assignments = rows.stream().map(AssignmentRow::assignment).toList();
        LocalDate needs = null;
        String title = null;
        String sortKey;
        List<String> subjectThemes;
        DecisionFacts decision = null;
        ServiceChangeFacts change = null;
        Set<String> named = new LinkedHashSet<>();
        boolean required;
        switch (key.type()) {
            case "THEME" -> {
                ThemeCode theme = ThemeCode.valueOf(key.ref());
                title = themes.title(theme);
                sortKey = "0|" + String.format("%02d", theme.ordinal());
                subjectThemes = List.of(theme.name());
                needs = forumRemitSince(pid, theme);
                required = true;
            }
            case "SERVICE_CHANGE" -> {
                var row = serviceChange(key.ref());
                if (row.isEmpty()) {
                    sortKey = "3|" + key.type() + "|" + key.ref();
                    subjectThemes = List.of();
                    required = false;
                } else {
                    ServiceChangeRow sc = row.get();
                    title = sc.title();
                    sortKey = "1|" + SORTABLE.format(sc.proposedAt()) + "|" + key.ref();
                    subjectThemes = sc.themes();
                    change = new ServiceChangeFacts(sc.stage(), sc.leadOdsCode());
                    named.add(sc.leadOdsCode());
                    required = sc.stage().isOpen();
                    needs = required ? LocalDate.ofInstant(sc.proposedAt(), ZoneOffset.UTC) : null;
                }
            }
            default -> {
                var row = decision(key.ref());
                if (row.isEmpty()) {
                    sortKey = "3|" + key.type() + "|" + key.ref();
                    subjectThemes = List.of();
                    required = false;
                } else {
                    DecisionRow d = row.get();
                    title = d.title();
                    sortKey = "2|" + SORTABLE.format(d.recordedAt()) + "|" + key.ref();
                    subjectThemes = List.of(d.theme().name());
                    decision = new DecisionFacts(d.theme(), d.outcome(), d.status(), d.decidedOn(), d.deciding(),
                            d.forumId(), null, d.forumId() == null ? List.of() : delegations(pid, d.forumId()),
                            asDecided(d.ratified(), d.succeededFrom()), d.notMet(),
                            asDecided(d.declined(), d.succeededFrom()));
                    named.addAll(d.deciding());
                    required = d.outcome() == DecisionOutcome.APPROVED && d.status() == DecisionStatus.ACTIVE;
                    needs = required ? d.decidedOn() : null;
                }
            }
        }
        SubjectRef subject = new SubjectRef(key.type(), key.ref(), title);
        SubjectFacts facts = new SubjectFacts(pid, subject, needs, assignments, bodies, decision, change);
        List<GapWindow> windows = GapRules.windows(facts);
        List<Assignment> live = assignments.stream().filter(Assignment::live).toList();
        if (!required && live.isEmpty() && windows.isEmpty()) {
            return Optional.empty();
        }
        live.forEach(a -> named.add(a.odsCode()));
        List<StoredHolder> holders = rows.stream().flatMap(r -> holders(r, bodies).stream()).toList();
        List<StoredWindow> stored = windows.stream().map(w -> new StoredWindow(w.gap().kind(), w.gap().detail(),
                w.gap().since(), w.gap().accountabilityId(), w.from(), w.until())).toList();
        return Optional.of(new SubjectRow(pid, key, sortKey, title, subjectThemes.isEmpty() ? null
                : subjectThemes.get(0), subjectThemes, List.copyOf(named), holders, stored));
    }

    /** The partnership's members are read once per processor batch; member events drop them first. */
    void membersChanged(String partnershipId) {
        batch().bodies.remove(partnershipId);
    }

    private Map<String, Body> bodies(String pid) {
        return jdbc.sql("SELECT ods_code, name, statutory, joined_on, withdrawn_on, succeeded_by FROM q_member "
                        + "WHERE partnership_id = ? AND valid_to IS NULL")
                .param(pid).query((rs, n) -> new Body(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        date(rs, "joined_on"), date(rs, "withdrawn_on"), rs.getString("succeeded_by")))
                .list().stream().collect(Collectors.toMap(Body::odsCode, b -> b));
    }

    private LocalDate forumRemitSince(String pid, ThemeCode theme) {
        return jdbc.sql("SELECT recorded_at FROM q_forum WHERE partnership_id = ? AND ? = ANY(themes) "
                        + "ORDER BY recorded_at LIMIT 1")
                .params(pid, theme.name()).query((rs, n) -> LocalDate.ofInstant(instant(rs, "recorded_at"),
                        ZoneOffset.UTC)).optional().orElse(null);
    }

    /** An assignment with what only the map shows: who held it before each transfer, and its succession. */
    private record AssignmentRow(Assignment assignment, String succeededFrom, List<FormerHolder> former) {
    }

    /**
     * The periods in which each body held the assignment: former holders until their transfer's day, the current
     * holder from its own day until a relinquishment takes effect. Periods that never held a day are left out.
     */
    private static List<StoredHolder> holders(AssignmentRow row, Map<String, Body> bodies) {
        Assignment a = row.assignment();
        List<StoredHolder> holders = new ArrayList<>();
        for (FormerHolder f : row.former()) {
            if (f.until().isAfter(f.from())) {
                holders.add(new StoredHolder(a.id(), a.role(), f.odsCode(), name(bodies, f.odsCode()), f.post(),
                        f.personName(), a.effectiveFrom(), a.reviewBy(), f.acceptedOn(), a.joint(),
                        f.from().equals(a.effectiveFrom()) ? null : f.from(), f.until(), f.succeededFrom()));
            }
        }
        LocalDate from = a.heldSince();
        if (a.relinquishedOn() == null || a.relinquishedOn().isAfter(from)) {
            holders.add(new StoredHolder(a.id(), a.role(), a.odsCode(), name(bodies, a.odsCode()), a.post(),
                    a.personName(), a.effectiveFrom(), a.reviewBy(), a.acceptedOn(), a.joint(),
                    from.equals(a.effectiveFrom()) ? null : from, a.relinquishedOn(), row.succeededFrom()));
        }
        return holders;
    }

    private static String name(Map<String, Body> bodies, String odsCode) {
        return Optional.ofNullable(bodies.get(odsCode)).map(Body::name).orElse(null);
    }

    private List<AssignmentRow> assignments(String pid, Key key) {
        return jdbc.sql("SELECT accountability_id, role, ods_code, post, person_name, effective_from, review_by, joint, "
                        + "held_since, accepted_on, relinquished_on, succeeded_from, former_holders::text AS former "
                        + "FROM q_accountability WHERE partnership_id = ? "
                        + "AND subject_type = ? AND subject_ref = ? AND valid_to IS NULL "
                        + "ORDER BY effective_from, accountability_id")
                .params(pid, key.type(), key.ref())
                .query((rs, n) -> new AssignmentRow(new Assignment(rs.getString(1), RaciRole.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), date(rs, "effective_from"),
                        date(rs, "review_by"), rs.getBoolean(8), date(rs, "held_since"), date(rs, "accepted_on"),
                        date(rs, "relinquished_on")), rs.getString("succeeded_from"),
                        JSON.readValue(rs.getString("former"), FORMER)))
                .list();
    }

    private record ServiceChangeRow(String title, List<String> themes, String leadOdsCode, Stage stage,
                                    Instant proposedAt) {
    }

    private Optional<ServiceChangeRow> serviceChange(String id) {
        return jdbc.sql("SELECT title, themes, lead_ods_code, stage, proposed_at FROM q_service_change "
                        + "WHERE service_change_id = ? AND valid_to IS NULL")
                .param(id).query((rs, n) -> new ServiceChangeRow(rs.getString(1), sortedThemes(list(rs, "themes")),
                        rs.getString(3), Stage.valueOf(rs.getString(4)), instant(rs, "proposed_at")))
                .optional();
    }

    private static List<String> sortedThemes(List<String> themes) {
        return themes.stream().sorted(Comparator.comparing(ThemeCode::valueOf)).toList();
    }

    private record DecisionRow(String title, ThemeCode theme, String forumId, String serviceChangeId,
                               List<String> deciding, DecisionOutcome outcome, DecisionStatus status,
                               LocalDate decidedOn, Instant recordedAt, Map<String, LocalDate> ratified,
                               Set<AssuranceTest> notMet, Map<String, LocalDate> declined,
                               Map<String, String> succeededFrom) {
    }

    /** The decision with its ratifications and its service change's tests NOT_MET, in one round trip. */
    private Optional<DecisionRow> decision(String id) {
        return jdbc.sql("""
                        SELECT d.title, d.theme, d.forum_id, d.service_change_id, d.deciding_ods_codes, d.outcome,
                               d.status, d.decided_on, d.recorded_at, d.succeeded_from::text AS succeeded_from,
                               (SELECT coalesce(array_agg(r.ods_code || ' ' || r.ratified_on), '{}')
                                  FROM q_ratification r WHERE r.decision_id = d.decision_id AND NOT r.declined)
                                  AS ratified,
                               (SELECT coalesce(array_agg(r.ods_code || ' ' || r.ratified_on), '{}')
                                  FROM q_ratification r WHERE r.decision_id = d.decision_id AND r.declined)
                                  AS declined,
                               (SELECT coalesce(array_agg(t.test), '{}') FROM (
                                  SELECT DISTINCT ON (a.test) a.test, a.result FROM q_assurance_test a
                                  WHERE a.service_change_id = d.service_change_id ORDER BY a.test, a.seq DESC) t
                                  WHERE t.result = 'NOT_MET') AS not_met
                        FROM q_decision d WHERE d.decision_id = ? AND d.valid_to IS NULL""")
                .param(id).query((rs, n) -> new DecisionRow(rs.getString(1), ThemeCode.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), list(rs, "deciding_ods_codes"),
                        DecisionOutcome.valueOf(rs.getString(6)), DecisionStatus.valueOf(rs.getString(7)),
                        date(rs, "decided_on"), instant(rs, "recorded_at"),
                        byBody(list(rs, "ratified")),
                        list(rs, "not_met").stream().map(AssuranceTest::valueOf).collect(Collectors.toSet()),
                        byBody(list(rs, "declined")),
                        JSON.readValue(rs.getString("succeeded_from"), SUCCEEDED_FROM)))
                .optional();
    }

    /**
     * Answers keyed by the deciding body they stand for: a successor's answer (it owed its predecessor's
     * ratification) counts for the predecessor, so the gap rules judge the bodies as they decided.
     */
    private static Map<String, LocalDate> asDecided(Map<String, LocalDate> answers, Map<String, String> succeededFrom) {
        Map<String, LocalDate> byDecider = new HashMap<>();
        answers.forEach((ods, day) -> {
            String decider = ods;
            for (int hops = 0; succeededFrom.containsKey(decider) && hops <= succeededFrom.size(); hops++) {
                decider = succeededFrom.get(decider);
            }
            byDecider.merge(decider, day, (a, b) -> a);
        });
        return byDecider;
    }

    /** "ODS yyyy-mm-dd" pairs as a map from body to day. */
    private static Map<String, LocalDate> byBody(List<String> pairs) {
        return pairs.stream().map(r -> r.split(" ")).collect(Collectors.toMap(r -> r[0], r -> LocalDate.parse(r[1]),
                (a, b) -> a));
    }

    private List<DelegationFacts> delegations(String pid, String forumId) {
        return jdbc.sql("SELECT from_ods_code, themes, effective_from, effective_to, revoked_on FROM q_delegation "
                        + "WHERE partnership_id = ? AND forum_id = ? AND valid_to IS NULL")
                .params(pid, forumId)
                .query((rs, n) -> new DelegationFacts(rs.getString(1), list(rs, "themes").stream()
                        .map(ThemeCode::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(ThemeCode.class))),
                        date(rs, "effective_from"), date(rs, "effective_to"), date(rs, "revoked_on")))
                .list();
    }

    // ---------------------------------------------------------------- writing versions, once per batch

    /** A subject's latest row in this batch: stored (id set) or still to be inserted (version set). */
    private static final class Latest {
        final Optional<SubjectRow> row;
        final Instant validFrom;
        final Long storedId;
        final Version version;

        Latest(Optional<SubjectRow> row, Instant validFrom, Long storedId, Version version) {
            this.row = row;
            this.validFrom = validFrom;
            this.storedId = storedId;
            this.version = version;
        }
    }

    private static final class Version {
        final SubjectRow row;
        final Instant validFrom;
        Instant validTo;

        Version(SubjectRow row, Instant validFrom) {
            this.row = row;
            this.validFrom = validFrom;
        }
    }

    /**
     * What one processor batch changes in the map, written when the batch commits (in its transaction, with its
     * token): every version with the recorded instant of its own event, in a few JDBC batches instead of several
     * round trips per event.
     */
    private final class Batch {
        final Map<String, Map<String, Body>> bodies = new HashMap<>();
        final Map<List<String>, Latest> latest = new HashMap<>();
        final List<Version> inserts = new ArrayList<>();
        final List<Object[]> closes = new ArrayList<>();
        final List<Object[]> deletes = new ArrayList<>();
        final Map<String, Map<String, TreeMap<LocalDate, Long>>> deltas = new HashMap<>();

        void flush() {
            jdbcTemplate.batchUpdate("DELETE FROM q_map_subject WHERE id = ?", deletes);
            jdbcTemplate.batchUpdate("UPDATE q_map_subject SET valid_to = ? WHERE id = ?", closes);
            jdbcTemplate.batchUpdate("""
                    INSERT INTO q_map_subject (partnership_id, subject_type, subject_ref, sort_key, title, theme,
                        themes, ods_codes, holders, gaps, gap_kinds, valid_from, valid_to)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)""", inserts.stream().map(v -> {
                SubjectRow r = v.row;
                return new Object[]{r.partnershipId(), r.key().type(), r.key().ref(), r.sortKey(), r.title(),
                        r.theme(), r.themes().toArray(String[]::new), r.odsCodes().toArray(String[]::new),
                        JSON.writeValueAsString(r.holders()), JSON.writeValueAsString(r.windows()),
                        r.windows().stream().map(w -> w.kind().name()).distinct().toArray(String[]::new),
                        ts(v.validFrom), ts(v.validTo)};
            }).toList());
            deltas.forEach(MapSubjects.this::applyCounts);
        }
    }

    private Batch batch() {
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        return unit.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            unit.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }

    private Latest latest(Batch batch, String pid, Key key) {
        return batch.latest.computeIfAbsent(List.of(pid, key.type(), key.ref()), k -> jdbc.sql("SELECT id, valid_from, "
                        + COLUMNS + " FROM q_map_subject WHERE partnership_id = ? AND subject_type = ? "
                        + "AND subject_ref = ? AND valid_to IS NULL")
                .params(pid, key.type(), key.ref())
                .query((rs, n) -> new Latest(Optional.of(MapReader.row(rs, n)), instant(rs, "valid_from"),
                        rs.getLong("id"), null))
                .optional().orElse(new Latest(Optional.empty(), null, null, null)));
    }

    private void write(String pid, Key key, Optional<SubjectRow> row, Instant at) {
        Batch batch = batch();
        Latest latest = latest(batch, pid, key);
        if (latest.row.equals(row)) {
            return;
        }
        Instant from = ts(at).toInstant();
        Map<String, TreeMap<LocalDate, Long>> deltas = batch.deltas.computeIfAbsent(pid, p -> new HashMap<>());
        latest.row.ifPresent(old -> {
            counts(old.windows(), -1, deltas);
            // A version that began at this very instant is replaced, not closed, so no version is empty.
            boolean sameInstant = from.equals(latest.validFrom);
            if (latest.storedId != null) {
                if (sameInstant) {
                    batch.deletes.add(new Object[]{latest.storedId});
                } else {
                    batch.closes.add(new Object[]{ts(at), latest.storedId});
                }
            } else if (sameInstant) {
                batch.inserts.remove(latest.version);
            } else {
                latest.version.validTo = from;
            }
        });
        Version version = row.map(r -> new Version(r, from)).orElse(null);
        row.ifPresent(r -> {
            counts(r.windows(), 1, deltas);
            batch.inserts.add(version);
        });
        batch.latest.put(List.of(pid, key.type(), key.ref()), new Latest(row, from, null, version));
    }

    /** Subjects of this batch whose latest row names the body (not yet stored). */
    private List<Key> namingInBatch(String pid, String odsCode) {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        return batch().latest.values().stream()
                .filter(l -> l.row.isPresent() && l.row.get().partnershipId().equals(pid)
                        && l.row.get().odsCodes().contains(odsCode))
                .map(l -> l.row.get().key()).toList();
    }

    /** Adds a row's contribution to the counts: +1 where a count starts, -1 where it ends. */
    static void counts(List<StoredWindow> windows, long sign, Map<String, TreeMap<LocalDate, Long>> deltas) {
        add(deltas, SUBJECTS, GapRules.ALWAYS, sign);
        for (StoredWindow w : windows) {
            add(deltas, w.kind().name(), w.from(), sign);
            if (w.until() != null) {
                add(deltas, w.kind().name(), w.until(), -sign);
            }
        }
        // The days on which the subject shows at least one gap: the union of its windows.
        List<StoredWindow> byStart = windows.stream().sorted(Comparator.comparing(StoredWindow::from)).toList();
        LocalDate start = null;
        LocalDate end = null;
        boolean open = false;
        for (StoredWindow w : byStart) {
            if (open && (end == null || !w.from().isAfter(end))) {
                end = end == null || w.until() == null ? null : w.until().isAfter(end) ? w.until() : end;
                continue;
            }
            if (open) {
                add(deltas, WITH_GAPS, start, sign);
                add(deltas, WITH_GAPS, end, -sign);
            }
            start = w.from();
            end = w.until();
            open = true;
        }
        if (open) {
            add(deltas, WITH_GAPS, start, sign);
            if (end != null) {
                add(deltas, WITH_GAPS, end, -sign);
            }
        }
    }

    private static void add(Map<String, TreeMap<LocalDate, Long>> deltas, String kind, LocalDate day, long n) {
        deltas.computeIfAbsent(kind, k -> new TreeMap<>()).merge(day, n, Long::sum);
    }

    private void applyCounts(String pid, Map<String, TreeMap<LocalDate, Long>> deltas) {
        List<Object[]> changes = new ArrayList<>();
        Map<String, Long> totals = new TreeMap<>();
        deltas.forEach((kind, byDay) -> byDay.forEach((day, n) -> {
            if (n != 0) {
                changes.add(new Object[]{pid, kind, day, n});
                totals.merge(kind, n, Long::sum);
            }
        }));
        changes.sort(Comparator.comparing((Object[] c) -> (LocalDate) c[2]).thenComparing(c -> (String) c[1]));
        jdbcTemplate.batchUpdate("INSERT INTO q_map_count (partnership_id, kind, day, n) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (partnership_id, day, kind) DO UPDATE SET n = q_map_count.n + excluded.n", changes);
        jdbcTemplate.batchUpdate("INSERT INTO q_map_total (partnership_id, kind, n) VALUES (?, ?, ?) "
                        + "ON CONFLICT (partnership_id, kind) DO UPDATE SET n = q_map_total.n + excluded.n",
                totals.entrySet().stream().filter(e -> e.getValue() != 0)
                        .map(e -> new Object[]{pid, e.getKey(), e.getValue()}).toList());
    }
}
