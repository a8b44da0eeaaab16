package uk.nhs.stpgov.query.accountabilitymap;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
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
import uk.nhs.stpgov.events.SuccessionChain;
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
import uk.nhs.stpgov.query.gaps.Needs;
import uk.nhs.stpgov.query.gaps.SubjectFacts;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DecisionFacts;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DelegationFacts;
import uk.nhs.stpgov.query.gaps.SubjectFacts.ServiceChangeFacts;
import uk.nhs.stpgov.query.replay.ProjectionWrites;
import uk.nhs.stpgov.query.replay.ReadModelStatistics;
import uk.nhs.stpgov.query.support.MemberPeriod;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityReviewed;
import uk.nhs.stpgov.events.decision.DecisionRatificationDeclined;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;
import uk.nhs.stpgov.events.AssuranceResult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.instant;
import static uk.nhs.stpgov.query.support.Sql.list;
import static uk.nhs.stpgov.query.support.Sql.ts;

/**
 * The writes of the map read model: recomputes a subject's row from the current rows of the partnership, decision,
 * service-change and accountability read models, and keeps the partnership's counts. A row that comes out the same as
 * the open one writes nothing, so a redelivered event changes nothing.
 * <p>
 * The other read models write their rows at the end of the processor batch ({@link ProjectionWrites}), so the map
 * reads them through the batch's {@link WorkingSet}: read once (set-based, for all the batch's events at once) and
 * changed in memory by each event as their statements change the rows. Member, forum and delegation events are rare:
 * they write the batch so far and the map reads those tables again.
 */
@Component
class MapSubjects {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MapSubjects.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TypeReference<List<StoredHolder>> HOLDERS = new TypeReference<>() {
    };
    static final TypeReference<List<StoredWindow>> WINDOWS = new TypeReference<>() {
    };
    static final TypeReference<List<FormerHolder>> FORMER = new TypeReference<>() {
    };
    static final TypeReference<List<SubjectFacts.Review>> REVIEWS = new TypeReference<>() {
    };
    static final TypeReference<Map<String, String>> PASSED_TO = new TypeReference<>() {
    };
    static final String SUBJECTS = "SUBJECTS";
    private static final String BATCH = MapSubjects.class.getName() + ".batch";
    /**
     * Batches of fewer events (a command's events as they are projected) read what they need when they need it: a
     * few single-row statements instead of the preload's set-based ones.
     */
    private static final int PRELOAD_FROM = 4;
    private static final String COLUMNS = MapReader.COLUMNS;
    static final String WITH_GAPS = "WITH_GAPS";
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ThemeCatalog themes;
    private final ProjectionWrites writes;
    private final ReadModelStatistics statistics;
    /** The zone of business days ({@code stpgov.business-zone}): a stage move takes effect on its day there. */
    private final ZoneId businessZone;

    MapSubjects(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ThemeCatalog themes, ProjectionWrites writes,
                ReadModelStatistics statistics, ZoneId businessZone) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.themes = themes;
        this.writes = writes;
        this.statistics = statistics;
        this.businessZone = businessZone;
    }

    /** The map's tables were emptied for a rebuild. */
    void reset() {
        statistics.reset();
    }

    /** The subjects of the partnership's current map that name the body (as holder, lead or decider). */
    List<Key> naming(String partnershipId, String odsCode) {
        List<Key> keys = new ArrayList<>(namingInBatch(partnershipId, odsCode));
        keys.addAll(jdbc.sql("SELECT subject_type, subject_ref FROM q_map_subject WHERE partnership_id = ? "
                        + "AND valid_to IS NULL AND ? = ANY(ods_codes)")
                .params(partnershipId, odsCode).query((rs, n) -> new Key(rs.getString(1), rs.getString(2))).list());
        return keys;
    }

    /**
     * The partnership's decisions taken in the forum. A forum is known by its id within its partnership: another
     * partnership may give one of its forums the same id. Read after the batch's writes so far are flushed: forum
     * and delegation events are rare.
     */
    List<Key> decisionsOfForum(String partnershipId, String forumId) {
        writes.flush();
        return jdbc.sql("SELECT decision_id FROM q_decision WHERE partnership_id = ? AND forum_id = ? "
                        + "AND valid_to IS NULL")
                .params(partnershipId, forumId).query((rs, n) -> new Key("DECISION", rs.getString(1))).list();
    }

    /** The decisions on the service change: those stored before the batch and those recorded in it. */
    List<Key> decisionsOnServiceChange(String serviceChangeId) {
        WorkingSet set = batch().set;
        Set<String> ids = new java.util.TreeSet<>(set.decisionsOnChange.computeIfAbsent(serviceChangeId,
                id -> new java.util.HashSet<>(jdbc.sql("SELECT decision_id FROM q_decision WHERE service_change_id = ? "
                        + "AND valid_to IS NULL").param(id).query(String.class).list())));
        set.decisions.forEach((id, d) -> d.filter(x -> serviceChangeId.equals(x.serviceChangeId))
                .ifPresent(x -> ids.add(id)));
        return ids.stream().map(id -> new Key("DECISION", id)).toList();
    }

    void refresh(String partnershipId, Collection<Key> keys, Instant at) {
        if (keys.isEmpty()) {
            return;
        }
        Batch batch = batch();
        if (keys.size() > 1) {
            // A member, forum or delegation event refreshes many subjects the preload could not foresee.
            Wanted wanted = new Wanted();
            keys.forEach(key -> wanted.subject(partnershipId, key.type(), key.ref()));
            loadRecords(batch, wanted);
        }
        Map<String, Body> bodies = batch.set.bodies.computeIfAbsent(partnershipId, this::bodies);
        for (Key key : new LinkedHashSet<>(keys)) {
            write(partnershipId, key, compute(partnershipId, key, bodies), at);
        }
    }

    // ---------------------------------------------------------------- the other read models' changes, in memory

    /** As DecisionProjection's insert: a decision already stored is left as it is. */
    void decisionRecorded(DecisionRecorded e, Instant at, long seq) {
        if (decisionState(e.decisionId()).isEmpty()) {
            batch().set.decisions.put(e.decisionId(), Optional.of(new WorkingSet.DecisionState(e.partnershipId(),
                    e.title(), e.theme(), e.forumId(), e.serviceChangeId(), List.copyOf(e.decidingOdsCodes()),
                    e.outcome(), e.decidedOn(), ts(at).toInstant(), DecisionStatus.ACTIVE, null, seq, Map.of(),
                    Map.of())));
        }
    }

    void decisionAnswered(String decisionId, String odsCode, LocalDate on, boolean declined, long seq) {
        decisionState(decisionId).ifPresent(d -> d.answer(odsCode, on, declined, seq));
    }

    void decisionRatifierSucceeded(String decisionId, String odsCode, String from, long seq) {
        decisionState(decisionId).filter(d -> d.seq < seq).ifPresent(d -> {
            d.passedTo.put(from, odsCode);
            d.seq = seq;
        });
    }

    void decisionStatus(String decisionId, DecisionStatus status, LocalDate on, long seq) {
        decisionState(decisionId).filter(d -> d.seq < seq).ifPresent(d -> {
            d.status = status;
            d.statusOn = on;
            d.seq = seq;
        });
    }

    void serviceChangeProposed(ServiceChangeProposed e, Instant at, long seq) {
        if (serviceChangeState(e.serviceChangeId()).isEmpty()) {
            batch().set.serviceChanges.put(e.serviceChangeId(), Optional.of(new WorkingSet.ServiceChangeState(
                    e.title(), sortedThemes(e.themes().stream().map(Enum::name).toList()), e.leadOdsCode(),
                    ts(at).toInstant(), e.proposedOn() != null ? e.proposedOn()
                    : LocalDate.ofInstant(ts(at).toInstant(), ZoneOffset.UTC), Stage.PROPOSED, null, seq)));
        }
    }

    /**
     * As ServiceChangeProjection's stage move. A move names no business date: it takes effect on the day it is
     * recorded, in the business zone (ServiceChangeHistory#stageMoves), so a change withdrawn or completed is closed
     * from that day.
     */
    void serviceChangeAdvanced(String serviceChangeId, Stage to, Instant at, long seq) {
        serviceChangeState(serviceChangeId).filter(sc -> sc.seq < seq).ifPresent(sc -> {
            sc.stage = to;
            sc.closedOn = to.isOpen() ? null : closedOn(ts(at).toInstant());
            sc.seq = seq;
        });
    }

    /** The business day of a closing move recorded at {@code at}. */
    private LocalDate closedOn(Instant at) {
        return LocalDate.ofInstant(at, businessZone);
    }

    void assuranceTestRecorded(String serviceChangeId, AssuranceTest test, AssuranceResult result, LocalDate on,
                               long seq) {
        tests(serviceChangeId).putIfAbsent(seq, new WorkingSet.TestResult(test, result, on, seq));
    }

    void accountabilityAssigned(AccountabilityAssigned e, long seq) {
        List<WorkingSet.AccountabilityState> states = assignmentStates(e.partnershipId(), e.subject().type().name(),
                e.subject().ref());
        if (states.stream().noneMatch(a -> a.id.equals(e.accountabilityId()))) {
            states.add(new WorkingSet.AccountabilityState(e.accountabilityId(), e.role(), e.odsCode(), e.post(),
                    e.personName(), e.effectiveFrom(), e.reviewBy(), e.joint(), e.effectiveFrom(), null, null, null,
                    List.of(), List.of(), seq));
        }
    }

    /** A change to the current version of an accountability of the subject, if that version is older. */
    void accountabilityChanged(String pid, uk.nhs.stpgov.events.Subject subject, String id, long seq,
                               java.util.function.Consumer<WorkingSet.AccountabilityState> change) {
        assignmentStates(pid, subject.type().name(), subject.ref()).stream()
                .filter(a -> a.id.equals(id) && a.seq < seq).findFirst().ifPresent(a -> {
                    change.accept(a);
                    a.seq = seq;
                });
    }

    /**
     * As AccountabilityProjection's acceptance: the current holder's, or a former holder's recorded after the
     * assignment moved on (a back-loaded log), which belongs to that holder's periods begun by then and carries on
     * to the successor body that continued them.
     */
    static void accept(WorkingSet.AccountabilityState a, AccountabilityAccepted e) {
        if (e.odsCode().equals(a.odsCode)) {
            a.acceptedOn = e.on();
            return;
        }
        // Its own periods begun by then (the first whatever the day: signed before the office began, it counts from
        // its first day), and each successor's period right after one it took over, down the chain.
        String carried = null;
        for (int i = 0; i < a.former.size(); i++) {
            FormerHolder f = a.former.get(i);
            boolean own = f.odsCode().equals(e.odsCode()) && f.acceptedOn() == null
                    && (i == 0 || !f.from().isAfter(e.on()));
            boolean inherited = carried != null && carried.equals(f.succeededFrom()) && f.acceptedOn() == null;
            if (own || inherited) {
                a.former.set(i, f.accepted(e.on()));
                carried = f.odsCode();
            } else {
                carried = null;
            }
        }
        if (a.acceptedOn == null && (e.odsCode().equals(a.succeededFrom)
                || (carried != null && carried.equals(a.succeededFrom)))) {
            a.acceptedOn = e.on();
        }
    }

    /**
     * As AccountabilityProjection's transfer: the former holder is kept with the day it held until. A transfer
     * back-loaded before a succession that passed the office on (the command side sets that succession's periods
     * aside) ends the periods before it on its own day, so those the succession began never held a day.
     */
    static void transfer(WorkingSet.AccountabilityState a, AccountabilityTransferred e) {
        a.former.replaceAll(f -> f.until().isAfter(e.on()) ? f.endingOn(e.on()) : f);
        a.former.add(new FormerHolder(a.odsCode, a.post, a.personName, a.heldSince, e.on(), a.acceptedOn,
                a.succeededFrom));
        boolean succession = e.succeededFrom() != null;
        a.odsCode = e.odsCode();
        a.post = e.post();
        a.personName = e.personName();
        a.heldSince = e.on();
        // Inherited through succession names the predecessor; a plain transfer is inherited from nobody.
        a.succeededFrom = e.succeededFrom();
        if (!succession) {
            a.acceptedOn = null;
        }
    }

    // ---------------------------------------------------------------- computing a row

    private Optional<SubjectRow> compute(String pid, Key key, Map<String, Body> bodies) {
        List<AssignmentRow> rows = assignments(pid, key);
        List<Assignment> assignments = rows.stream().flatMap(MapSubjects::periods).toList();
        Needs needs = Needs.NEVER;
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
                needs = remit(pid, theme);
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
                    change = new ServiceChangeFacts(sc.stage(), sc.leadOdsCode(), sc.proposedOn(), sc.closedOn());
                    named.add(sc.leadOdsCode());
                    // Needs one while it is open: from its proposal until the day it was closed. Kept after it is
                    // closed, as a decision after its rescission: it was open on the days before (SubjectFacts.exists).
                    required = true;
                    needs = change.needsAccountable();
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
                            asDecided(d.ratified(), d.declined(), d.deciding(), d.passedTo()), d.assessments(),
                            asDecided(d.declined(), d.ratified(), d.deciding(), d.passedTo()), d.statusOn());
                    named.addAll(d.deciding());
                    // Kept after a rescission or supersession: it stood on the days before (SubjectFacts.exists).
                    required = d.outcome() == DecisionOutcome.APPROVED;
                    needs = required ? Needs.from(d.decidedOn()) : Needs.NEVER;
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
        Needs.Period exists = facts.exists();
        return Optional.of(new SubjectRow(pid, key, sortKey, title, subjectThemes.isEmpty() ? null
                : subjectThemes.get(0), subjectThemes, List.copyOf(named), holders, stored,
                exists.from().equals(GapRules.ALWAYS) ? null : exists.from(), exists.until()));
    }

    /**
     * The partnership's members are read once per processor batch; member events (rare) write the batch so far and
     * drop them, to be read again.
     */
    void membersChanged(String partnershipId) {
        writes.flush();
        batch().set.bodies.remove(partnershipId);
    }

    /** Forum events (rare): the forums are read again, after the batch's writes so far. */
    void forumsChanged(String partnershipId, String forumId) {
        writes.flush();
        WorkingSet set = batch().set;
        set.forums.remove(partnershipId);
        set.delegations.remove(List.of(partnershipId, forumId));
    }

    private Map<String, Body> bodies(String pid) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM q_member WHERE partnership_id = ? AND valid_to IS NULL")
                .param(pid).query((rs, n) -> body(rs))
                .list().stream().collect(Collectors.toUnmodifiableMap(Body::odsCode, b -> b));
    }

    private static final String MEMBER_COLUMNS = "ods_code, name, statutory, joined_on, withdrawn_on, withdraw_reason, "
            + "succeeded_by, earlier_periods";

    /** A member body with every period of its membership (a body admitted again keeps the ones before). */
    private static Body body(java.sql.ResultSet rs) throws java.sql.SQLException {
        return Body.of(rs.getString("ods_code"), rs.getString("name"), rs.getBoolean("statutory"),
                MemberPeriod.of(rs));
    }

    private static final String FORUM_TERMS = "forum_id, themes, seq, "
            + "coalesce(terms_on, (recorded_at AT TIME ZONE 'UTC')::date) AS terms_from FROM q_forum_terms";

    private static WorkingSet.ForumTerms forumTerms(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new WorkingSet.ForumTerms(rs.getString("forum_id"), Set.copyOf(list(rs, "themes")),
                date(rs, "terms_from"), rs.getLong("seq"));
    }

    /** The days on which the theme is in some forum's remit (by the forums' terms, each from its business day). */
    private Needs remit(String pid, ThemeCode theme) {
        return WorkingSet.remit(batch().set.forums.computeIfAbsent(pid, p -> jdbc.sql("SELECT " + FORUM_TERMS
                + " WHERE partnership_id = ?").param(p).query(MapSubjects::forumTerms).list()), theme.name());
    }

    /** An assignment with what only the map shows: who held it before each transfer, and its succession. */
    private record AssignmentRow(Assignment assignment, String succeededFrom, List<FormerHolder> former) {
    }

    /**
     * The assignment as the gap rules judge it: one fact per holder's period (former holders until their transfer's
     * day, as {@link #holders}), so a past day is judged on the holder of that day: its body, its acceptance.
     */
    private static Stream<Assignment> periods(AssignmentRow row) {
        Assignment a = row.assignment();
        return Stream.concat(row.former().stream().filter(f -> f.until().isAfter(f.from()))
                        .map(f -> new Assignment(a.id(), a.role(), f.odsCode(), f.post(), f.personName(),
                                a.effectiveFrom(), a.reviewBy(), a.joint(), f.from(), f.acceptedOn(),
                                a.relinquishedOn(), f.until(), a.reviews())),
                Stream.of(a));
    }

    /**
     * The periods in which each body held the assignment: former holders until their transfer's day, the current
     * holder from its own day until a relinquishment takes effect. Periods that never held a day are left out.
     */
    private static List<StoredHolder> holders(AssignmentRow row, Map<String, Body> bodies) {
        Assignment a = row.assignment();
        List<StoredHolder> holders = new ArrayList<>();
        for (FormerHolder f : row.former()) {
            // A relinquishment dated before a later holder's day (recorded after a succession passed it on) ends
            // the former holder's period there.
            LocalDate until = a.relinquishedOn() != null && a.relinquishedOn().isBefore(f.until())
                    ? a.relinquishedOn() : f.until();
            if (until.isAfter(f.from())) {
                holders.add(new StoredHolder(a.id(), a.role(), f.odsCode(), name(bodies, f.odsCode()), f.post(),
                        f.personName(), a.effectiveFrom(), a.reviewBy(), f.acceptedOn(), a.joint(),
                        f.from().equals(a.effectiveFrom()) ? null : f.from(), until, f.succeededFrom()));
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
        return assignmentStates(pid, key.type(), key.ref()).stream()
                .sorted(Comparator.comparing((WorkingSet.AccountabilityState a) -> a.effectiveFrom)
                        .thenComparing(a -> a.id))
                .map(a -> new AssignmentRow(a.assignment(), a.succeededFrom, List.copyOf(a.former)))
                .toList();
    }

    private static final String ASSIGNMENT_COLUMNS = "partnership_id, subject_type, subject_ref, accountability_id, "
            + "role, ods_code, post, person_name, effective_from, review_by, joint, held_since, accepted_on, "
            + "relinquished_on, succeeded_from, former_holders::text AS former, reviews::text AS reviews, seq";

    /** The subject's current assignments in the working set, read from the database the first time. */
    private List<WorkingSet.AccountabilityState> assignmentStates(String pid, String type, String ref) {
        return batch().set.assignments.computeIfAbsent(WorkingSet.subject(pid, type, ref), k -> new ArrayList<>(
                jdbc.sql("SELECT " + ASSIGNMENT_COLUMNS + " FROM q_accountability WHERE partnership_id = ? "
                                + "AND subject_type = ? AND subject_ref = ? AND valid_to IS NULL")
                        .params(pid, type, ref).query(MapSubjects::accountabilityState).list()));
    }

    private static WorkingSet.AccountabilityState accountabilityState(java.sql.ResultSet rs, int n)
            throws java.sql.SQLException {
        return new WorkingSet.AccountabilityState(rs.getString("accountability_id"),
                RaciRole.valueOf(rs.getString("role")), rs.getString("ods_code"), rs.getString("post"),
                rs.getString("person_name"), date(rs, "effective_from"), date(rs, "review_by"),
                rs.getBoolean("joint"), date(rs, "held_since"), date(rs, "accepted_on"),
                date(rs, "relinquished_on"), rs.getString("succeeded_from"),
                JSON.readValue(rs.getString("former"), FORMER), JSON.readValue(rs.getString("reviews"), REVIEWS),
                rs.getLong("seq"));
    }

    private record ServiceChangeRow(String title, List<String> themes, String leadOdsCode, Stage stage,
                                    Instant proposedAt, LocalDate proposedOn, LocalDate closedOn) {
    }

    private Optional<ServiceChangeRow> serviceChange(String id) {
        return serviceChangeState(id).map(sc -> new ServiceChangeRow(sc.title, sc.themes, sc.leadOdsCode, sc.stage,
                sc.proposedAt, sc.proposedOn, sc.closedOn));
    }

    private Optional<WorkingSet.ServiceChangeState> serviceChangeState(String id) {
        return batch().set.serviceChanges.computeIfAbsent(id, k -> jdbc.sql(SERVICE_CHANGE_STATE).param(k)
                .query((rs, n) -> serviceChangeState(rs)).optional());
    }

    /**
     * The current version; closed stages are final, so a closed change's current version began with its closing move
     * ({@code valid_from} is that move's recorded instant, as {@code q_stage_move.recorded_at}).
     */
    private static final String SERVICE_CHANGE_STATE = "SELECT service_change_id, title, themes, lead_ods_code, "
            + "stage, proposed_at, coalesce(proposed_on, (proposed_at AT TIME ZONE 'UTC')::date) AS proposed_on, "
            + "valid_from, seq FROM q_service_change WHERE service_change_id = ? AND valid_to IS NULL";

    private WorkingSet.ServiceChangeState serviceChangeState(java.sql.ResultSet rs) throws java.sql.SQLException {
        Stage stage = Stage.valueOf(rs.getString("stage"));
        return new WorkingSet.ServiceChangeState(rs.getString("title"), sortedThemes(list(rs, "themes")),
                rs.getString("lead_ods_code"), instant(rs, "proposed_at"), date(rs, "proposed_on"), stage,
                stage.isOpen() ? null : closedOn(instant(rs, "valid_from")), rs.getLong("seq"));
    }

    private static final String TESTS = "SELECT service_change_id, test, result, seq, "
            + "coalesce(assessed_on, (recorded_at AT TIME ZONE 'UTC')::date) AS assessed FROM q_assurance_test";

    private static WorkingSet.TestResult testResult(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new WorkingSet.TestResult(AssuranceTest.valueOf(rs.getString("test")),
                AssuranceResult.valueOf(rs.getString("result")), date(rs, "assessed"), rs.getLong("seq"));
    }

    /** The service change's assurance test results, by the sequence they were recorded in. */
    private Map<Long, WorkingSet.TestResult> tests(String serviceChangeId) {
        return batch().set.tests.computeIfAbsent(serviceChangeId, k -> {
            Map<Long, WorkingSet.TestResult> results = new HashMap<>();
            jdbc.sql(TESTS + " WHERE service_change_id = ?").param(k).query(MapSubjects::testResult).list()
                    .forEach(t -> results.put(t.seq(), t));
            return results;
        });
    }

    private static List<String> sortedThemes(List<String> themes) {
        return themes.stream().sorted(Comparator.comparing(ThemeCode::valueOf)).toList();
    }

    private record DecisionRow(String title, ThemeCode theme, String forumId, String serviceChangeId,
                               List<String> deciding, DecisionOutcome outcome, DecisionStatus status,
                               LocalDate decidedOn, Instant recordedAt, Map<String, LocalDate> ratified,
                               List<SubjectFacts.Assessment> assessments, Map<String, LocalDate> declined,
                               Map<String, String> passedTo, LocalDate statusOn) {
    }

    /** The decision with its ratifications and its service change's assurance test results. */
    private Optional<DecisionRow> decision(String id) {
        return decisionState(id).map(d -> {
            Map<String, LocalDate> ratified = new HashMap<>();
            Map<String, LocalDate> declined = new HashMap<>();
            d.answers.forEach((ods, a) -> (a.declined() ? declined : ratified).put(ods, a.on()));
            List<SubjectFacts.Assessment> assessments = d.serviceChangeId == null ? List.of()
                    : tests(d.serviceChangeId).values().stream()
                    .sorted(Comparator.comparingLong(WorkingSet.TestResult::seq))
                    .map(t -> new SubjectFacts.Assessment(t.test(), t.result(), t.on())).toList();
            return new DecisionRow(d.title, d.theme, d.forumId, d.serviceChangeId, d.deciding, d.outcome, d.status,
                    d.decidedOn, d.recordedAt, ratified, assessments, declined, d.passedTo, d.statusOn);
        });
    }

    private static final String DECISION_STATE = """
            SELECT d.decision_id, d.partnership_id, d.title, d.theme, d.forum_id, d.service_change_id,
                   d.deciding_ods_codes, d.outcome, d.status, d.status_on, d.decided_on, d.recorded_at, d.seq,
                   d.passed_to::text AS passed_to,
                   (SELECT coalesce(array_agg(r.ods_code || ' ' || r.ratified_on || ' ' || r.declined
                                              || ' ' || r.seq), '{}')
                      FROM q_ratification r WHERE r.decision_id = d.decision_id) AS answers
            FROM q_decision d WHERE d.decision_id = ? AND d.valid_to IS NULL""";

    private Optional<WorkingSet.DecisionState> decisionState(String id) {
        return batch().set.decisions.computeIfAbsent(id, k -> jdbc.sql(DECISION_STATE)
                .param(k).query(MapSubjects::decisionState).optional());
    }

    private static WorkingSet.DecisionState decisionState(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Map<String, WorkingSet.Answer> answers = new HashMap<>();
        for (String answer : list(rs, "answers")) {
            String[] a = answer.split(" ");
            answers.put(a[0], new WorkingSet.Answer(LocalDate.parse(a[1]), Boolean.parseBoolean(a[2]),
                    Long.parseLong(a[3])));
        }
        return new WorkingSet.DecisionState(rs.getString("partnership_id"), rs.getString("title"),
                ThemeCode.valueOf(rs.getString("theme")), rs.getString("forum_id"), rs.getString("service_change_id"),
                list(rs, "deciding_ods_codes"), DecisionOutcome.valueOf(rs.getString("outcome")),
                date(rs, "decided_on"), instant(rs, "recorded_at"), DecisionStatus.valueOf(rs.getString("status")),
                date(rs, "status_on"), rs.getLong("seq"), JSON.readValue(rs.getString("passed_to"), PASSED_TO), answers);
    }

    /**
     * Answers keyed by the deciding body they stand for: a body's own answer, else the first answer along the
     * successions its ratification passed down (a successor owed it), so the gap rules judge the bodies as they
     * decided. A body that answered the other way ({@code other}) ends the walk.
     */
    private static Map<String, LocalDate> asDecided(Map<String, LocalDate> answers, Map<String, LocalDate> other,
                                                    List<String> deciding, Map<String, String> passedTo) {
        Map<String, LocalDate> byDecider = new HashMap<>();
        for (String decider : deciding) {
            for (String ods : SuccessionChain.from(decider, passedTo)) {
                if (answers.containsKey(ods)) {
                    byDecider.put(decider, answers.get(ods));
                }
                if (answers.containsKey(ods) || other.containsKey(ods)) {
                    break;
                }
            }
        }
        return byDecider;
    }

    /** "ODS yyyy-mm-dd" pairs as a map from body to day. */
    private static Map<String, LocalDate> byBody(List<String> pairs) {
        return pairs.stream().map(r -> r.split(" ")).collect(Collectors.toMap(r -> r[0], r -> LocalDate.parse(r[1]),
                (a, b) -> a));
    }

    private List<DelegationFacts> delegations(String pid, String forumId) {
        return batch().set.delegations.computeIfAbsent(List.of(pid, forumId), k -> jdbc.sql("SELECT from_ods_code, "
                        + "themes, effective_from, effective_to, revoked_on FROM q_delegation "
                        + "WHERE partnership_id = ? AND forum_id = ? AND valid_to IS NULL")
                .params(pid, forumId)
                .query((rs, n) -> new DelegationFacts(rs.getString(1), list(rs, "themes").stream()
                        .map(ThemeCode::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ThemeCode.class))),
                        date(rs, "effective_from"), date(rs, "effective_to"), date(rs, "revoked_on")))
                .list());
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

    /** The count changes of one event (or of several handled in a row at the same instant). */
    private record Change(Instant at, Map<String, TreeMap<LocalDate, Long>> deltas) {
    }

    /** The totals a partnership recorded last, and when. */
    private record Recorded(Instant at, Map<String, Long> totals) {
    }

    /** A partnership's totals by kind, as q_map_total_change keeps them. */
    static final TypeReference<Map<String, Long>> TOTALS = new TypeReference<>() {
    };

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
        final WorkingSet set = new WorkingSet();
        final Map<List<String>, Latest> latest = new HashMap<>();
        final List<Version> inserts = new ArrayList<>();
        final List<Object[]> closes = new ArrayList<>();
        final List<Object[]> deletes = new ArrayList<>();
        /** The count changes each event made, by partnership, in the order the events were handled. */
        final Map<String, List<Change>> deltas = new HashMap<>();

        void flush() {
            jdbcTemplate.batchUpdate("DELETE FROM q_map_subject WHERE id = ?", deletes);
            jdbcTemplate.batchUpdate("UPDATE q_map_subject SET valid_to = ? WHERE id = ?", closes);
            jdbcTemplate.batchUpdate("""
                    INSERT INTO q_map_subject (partnership_id, subject_type, subject_ref, sort_key, title, theme,
                        themes, ods_codes, holders, gaps, gap_kinds, valid_from, valid_to, exists_from, exists_until)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)""", inserts.stream().map(v -> {
                SubjectRow r = v.row;
                return new Object[]{r.partnershipId(), r.key().type(), r.key().ref(), r.sortKey(), r.title(),
                        r.theme(), r.themes().toArray(String[]::new), r.odsCodes().toArray(String[]::new),
                        JSON.writeValueAsString(r.holders()), JSON.writeValueAsString(r.windows()),
                        r.windows().stream().map(w -> w.kind().name()).distinct().toArray(String[]::new),
                        ts(v.validFrom), ts(v.validTo), r.existsFrom(), r.existsUntil()};
            }).toList());
            if (deltas.isEmpty()) {
                return;
            }
            List<Object[]> changes = new ArrayList<>();
            List<Object[]> totals = new ArrayList<>();
            List<Object[]> recordedChanges = new ArrayList<>();
            List<Object[]> recordedTotals = new ArrayList<>();
            Map<String, Recorded> last = lastRecorded(deltas.keySet());
            deltas.forEach((pid, handled) -> {
                Map<String, TreeMap<LocalDate, Long>> batchDeltas = new HashMap<>();
                Recorded before = last.get(pid);
                Map<String, Long> running = new TreeMap<>(before == null ? Map.of() : before.totals());
                Instant recorded = before == null ? null : before.at();
                Map<Instant, String> totalsAt = new LinkedHashMap<>();
                for (Change change : handled) {
                    // Recorded instants only move forward, in the order the events are handled (which a rebuild
                    // repeats): an event stored after one with a later timestamp counts from that later instant, so
                    // the totals recorded at an instant always include every change counted before it.
                    recorded = recorded == null || change.at().isAfter(recorded) ? change.at() : recorded;
                    boolean changed = false;
                    for (Map.Entry<String, TreeMap<LocalDate, Long>> kind : change.deltas().entrySet()) {
                        for (Map.Entry<LocalDate, Long> day : kind.getValue().entrySet()) {
                            if (day.getValue() != 0) {
                                batchDeltas.computeIfAbsent(kind.getKey(), k -> new TreeMap<>())
                                        .merge(day.getKey(), day.getValue(), Long::sum);
                                recordedChanges.add(new Object[]{pid, kind.getKey(), day.getKey(), ts(recorded),
                                        day.getValue()});
                                running.merge(kind.getKey(), day.getValue(), Long::sum);
                                changed = true;
                            }
                        }
                    }
                    if (changed) {
                        running.values().removeIf(n -> n == 0);
                        totalsAt.put(recorded, JSON.writeValueAsString(running));
                    }
                }
                totalsAt.forEach((at, json) -> recordedTotals.add(new Object[]{pid, ts(at), json}));
                counts(pid, batchDeltas, changes, totals);
            });
            // One statement per table for all the batch's partnerships (each row's key is unique in it).
            jdbcTemplate.batchUpdate("INSERT INTO q_map_count (partnership_id, kind, day, n) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (partnership_id, day, kind) DO UPDATE SET n = q_map_count.n + excluded.n", changes);
            jdbcTemplate.batchUpdate("INSERT INTO q_map_total (partnership_id, kind, n) VALUES (?, ?, ?) "
                    + "ON CONFLICT (partnership_id, kind) DO UPDATE SET n = q_map_total.n + excluded.n", totals);
            // The same changes as recorded, for summaries as of an earlier instant (MapReader.summary).
            jdbcTemplate.batchUpdate("INSERT INTO q_map_count_change (partnership_id, kind, day, recorded_at, n) "
                    + "VALUES (?, ?, ?, ?, ?)", recordedChanges);
            jdbcTemplate.batchUpdate("INSERT INTO q_map_total_change (partnership_id, recorded_at, totals) "
                    + "VALUES (?, ?, ?::jsonb) ON CONFLICT (partnership_id, recorded_at) "
                    + "DO UPDATE SET totals = excluded.totals", recordedTotals);
        }

        /** The totals each of these partnerships recorded last, and when (none before its first count). */
        private Map<String, Recorded> lastRecorded(Set<String> pids) {
            Map<String, Recorded> last = new HashMap<>();
            jdbcTemplate.query("""
                    SELECT t.partnership_id, t.recorded_at, t.totals::text FROM unnest(?::text[]) AS p(id)
                    CROSS JOIN LATERAL (SELECT partnership_id, recorded_at, totals FROM q_map_total_change
                        WHERE partnership_id = p.id ORDER BY recorded_at DESC LIMIT 1) t""", rs -> {
                last.put(rs.getString(1), new Recorded(instant(rs, "recorded_at"),
                        JSON.readValue(rs.getString(3), TOTALS)));
            }, (Object) pids.toArray(String[]::new));
            return last;
        }
    }

    private Batch batch() {
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        Batch batch = unit.getResource(BATCH);
        if (batch == null) {
            batch = new Batch();
            unit.resources().put(BATCH, batch);
            Batch flushed = batch;
            unit.onPrepareCommit(u -> flushed.flush());
            if (unit instanceof BatchingUnitOfWork<?> events) {
                log.debug("Map batch of {} events", events.getMessages().size());
                if (events.getMessages().size() >= PRELOAD_FROM) {
                    statistics.batch(events.getMessages().size());
                    preload(batch, events.getMessages());
                }
            }
        }
        return batch;
    }

    // ---------------------------------------------------------------- reading a batch's working set at once

    /**
     * Reads, in a few set-based statements, what the batch's events will make the map read: the decisions, service
     * changes, assignments and open map rows of the subjects they name, and the members, forums and delegations of
     * their partnerships. What is not read here is read when first needed.
     */
    private void preload(Batch batch, List<? extends Message<?>> messages) {
        Set<String> pids = new java.util.TreeSet<>();
        Wanted wanted = new Wanted();
        for (Message<?> message : messages) {
            if (!(message.getPayload() instanceof GovernanceEvent event)) {
                continue;
            }
            String pid = event.partnershipId();
            pids.add(pid);
            String decision = null;
            String change = null;
            uk.nhs.stpgov.events.Subject subject = null;
            if (event instanceof DecisionRecorded e) {
                decision = e.decisionId();
            } else if (event instanceof DecisionRatified e) {
                decision = e.decisionId();
            } else if (event instanceof DecisionRatificationDeclined e) {
                decision = e.decisionId();
            } else if (event instanceof DecisionRatifierSucceeded e) {
                decision = e.decisionId();
            } else if (event instanceof DecisionSuperseded e) {
                decision = e.decisionId();
            } else if (event instanceof DecisionRescinded e) {
                decision = e.decisionId();
            } else if (event instanceof ServiceChangeProposed e) {
                change = e.serviceChangeId();
            } else if (event instanceof ServiceChangeAdvanced e) {
                change = e.serviceChangeId();
            } else if (event instanceof AssuranceTestRecorded e) {
                change = e.serviceChangeId();
            } else if (event instanceof AccountabilityAssigned e) {
                subject = e.subject();
            } else if (event instanceof AccountabilityAccepted e) {
                subject = e.subject();
            } else if (event instanceof AccountabilityRelinquished e) {
                subject = e.subject();
            } else if (event instanceof AccountabilityReviewed e) {
                subject = e.subject();
            } else if (event instanceof AccountabilityTransferred e) {
                subject = e.subject();
            }
            if (event instanceof AssuranceTestRecorded e) {
                wanted.testedChanges.add(e.serviceChangeId());
            }
            if (subject != null) {
                wanted.subject(pid, subject.type().name(), subject.ref());
            }
            if (decision != null) {
                wanted.subject(pid, "DECISION", decision);
            }
            if (change != null) {
                wanted.subject(pid, "SERVICE_CHANGE", change);
            }
        }
        if (pids.isEmpty()) {
            return;
        }
        WorkingSet set = batch.set;
        String[] partnerships = pids.toArray(String[]::new);
        // Members, forums and their delegations of every partnership of the batch.
        Map<String, Map<String, Body>> bodies = new HashMap<>();
        pids.forEach(p -> bodies.put(p, new HashMap<>()));
        jdbcTemplate.query("SELECT partnership_id, " + MEMBER_COLUMNS
                + " FROM q_member WHERE partnership_id = ANY(?) AND valid_to IS NULL", rs -> {
            bodies.get(rs.getString("partnership_id")).put(rs.getString("ods_code"), body(rs));
        }, (Object) partnerships);
        // Immutable, so each subject's facts share the map instead of copying it.
        bodies.forEach((p, members) -> set.bodies.put(p, Map.copyOf(members)));
        Map<String, List<WorkingSet.ForumTerms>> forums = new HashMap<>();
        pids.forEach(p -> forums.put(p, new ArrayList<>()));
        jdbcTemplate.query("SELECT partnership_id, " + FORUM_TERMS + " WHERE partnership_id = ANY(?)", rs -> {
            forums.get(rs.getString(1)).add(forumTerms(rs, 0));
            set.delegations.put(List.of(rs.getString(1), rs.getString("forum_id")), new ArrayList<>());
        }, (Object) partnerships);
        set.forums.putAll(forums);
        jdbcTemplate.query("SELECT partnership_id, forum_id, from_ods_code, themes, effective_from, effective_to, "
                + "revoked_on FROM q_delegation WHERE partnership_id = ANY(?) AND valid_to IS NULL", rs -> {
            set.delegations.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                    .add(new DelegationFacts(rs.getString(3), list(rs, "themes").stream().map(ThemeCode::valueOf)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ThemeCode.class))),
                            date(rs, "effective_from"), date(rs, "effective_to"), date(rs, "revoked_on")));
        }, (Object) partnerships);
        // A test result refreshes the decisions on its service change: they join the decisions and subjects to read.
        if (!wanted.testedChanges.isEmpty()) {
            wanted.testedChanges.forEach(id -> set.decisionsOnChange.put(id, new java.util.HashSet<>()));
            jdbcTemplate.query("SELECT service_change_id, decision_id, partnership_id FROM q_decision "
                    + "WHERE service_change_id = ANY(?) AND valid_to IS NULL", rs -> {
                set.decisionsOnChange.get(rs.getString(1)).add(rs.getString(2));
                wanted.subject(rs.getString(3), "DECISION", rs.getString(2));
            }, (Object) wanted.testedChanges.toArray(String[]::new));
        }
        loadRecords(batch, wanted);
    }

    /**
     * Reads, set-based, what the working set does not hold yet of the decisions (with their answers; the service
     * changes they are on join the tested changes), the service changes, the tests of the tested changes, and the
     * assignments and open map rows of the subjects.
     */
    private void loadRecords(Batch batch, Wanted wanted) {
        WorkingSet set = batch.set;
        Set<String> decisionIds = wanted.decisionIds;
        Set<String> changeIds = wanted.changeIds;
        Set<String> testedChanges = wanted.testedChanges;
        Set<List<String>> subjects = wanted.subjects;
        decisionIds.removeIf(set.decisions::containsKey);
        changeIds.removeIf(set.serviceChanges::containsKey);
        decisionIds.forEach(id -> set.decisions.put(id, Optional.empty()));
        if (!decisionIds.isEmpty()) {
            jdbcTemplate.query(DECISION_STATE.replace("d.decision_id = ?", "d.decision_id = ANY(?)"), rs -> {
                WorkingSet.DecisionState d = decisionState(rs, 0);
                set.decisions.put(rs.getString("decision_id"), Optional.of(d));
                if (d.serviceChangeId != null) {
                    testedChanges.add(d.serviceChangeId);
                }
            }, (Object) decisionIds.toArray(String[]::new));
        }
        changeIds.forEach(id -> set.serviceChanges.put(id, Optional.empty()));
        if (!changeIds.isEmpty()) {
            jdbcTemplate.query(SERVICE_CHANGE_STATE.replace("service_change_id = ?", "service_change_id = ANY(?)"),
                    rs -> {
                        set.serviceChanges.put(rs.getString("service_change_id"), Optional.of(serviceChangeState(rs)));
                    }, (Object) changeIds.toArray(String[]::new));
        }
        Set<String> withTests = new java.util.TreeSet<>(testedChanges);
        withTests.addAll(changeIds);
        withTests.removeIf(set.tests::containsKey);
        withTests.forEach(id -> set.tests.put(id, new HashMap<>()));
        if (!withTests.isEmpty()) {
            jdbcTemplate.query(TESTS + " WHERE service_change_id = ANY(?)", rs -> {
                WorkingSet.TestResult t = testResult(rs, 0);
                set.tests.get(rs.getString("service_change_id")).put(t.seq(), t);
            }, (Object) withTests.toArray(String[]::new));
        }
        // Assignments and open map rows of every subject named.
        String inSubjects = " (partnership_id, subject_type, subject_ref) IN "
                + "(SELECT * FROM unnest(?::text[], ?::text[], ?::text[])) AND valid_to IS NULL";
        List<List<String>> unassigned = subjects.stream().filter(k -> !set.assignments.containsKey(k)).toList();
        if (!unassigned.isEmpty()) {
            unassigned.forEach(k -> set.assignments.put(k, new ArrayList<>()));
            jdbcTemplate.query("SELECT " + ASSIGNMENT_COLUMNS + " FROM q_accountability WHERE" + inSubjects, rs -> {
                set.assignments.get(WorkingSet.subject(rs.getString("partnership_id"), rs.getString("subject_type"),
                        rs.getString("subject_ref"))).add(accountabilityState(rs, 0));
            }, keyArrays(unassigned));
        }
        List<List<String>> unread = subjects.stream().filter(k -> !batch.latest.containsKey(k)).toList();
        if (!unread.isEmpty()) {
            unread.forEach(k -> batch.latest.put(k, new Latest(Optional.empty(), null, null, null)));
            jdbcTemplate.query("SELECT id, valid_from, " + COLUMNS + " FROM q_map_subject WHERE" + inSubjects, rs -> {
                SubjectRow row = MapReader.row(rs, 0);
                batch.latest.put(List.of(row.partnershipId(), row.key().type(), row.key().ref()),
                        new Latest(Optional.of(row), instant(rs, "valid_from"), rs.getLong("id"), null));
            }, keyArrays(unread));
        }
    }

    /**
     * What a batch reads set-based: subjects (partnership, type, ref), with the decisions and service changes among
     * them, and the service changes whose test results are read.
     */
    private static final class Wanted {
        final Set<String> decisionIds = new java.util.TreeSet<>();
        final Set<String> changeIds = new java.util.TreeSet<>();
        final Set<String> testedChanges = new java.util.TreeSet<>();
        final Set<List<String>> subjects = new LinkedHashSet<>();

        void subject(String partnershipId, String type, String ref) {
            subjects.add(WorkingSet.subject(partnershipId, type, ref));
            switch (type) {
                case "DECISION" -> decisionIds.add(ref);
                case "SERVICE_CHANGE" -> changeIds.add(ref);
                default -> {
                }
            }
        }
    }

    private static Object[] keyArrays(List<List<String>> subjects) {
        return new Object[]{subjects.stream().map(k -> k.get(0)).toArray(String[]::new),
                subjects.stream().map(k -> k.get(1)).toArray(String[]::new),
                subjects.stream().map(k -> k.get(2)).toArray(String[]::new)};
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
        List<Change> handled = batch.deltas.computeIfAbsent(pid, p -> new ArrayList<>());
        if (handled.isEmpty() || !handled.get(handled.size() - 1).at().equals(from)) {
            handled.add(new Change(from, new HashMap<>()));
        }
        Map<String, TreeMap<LocalDate, Long>> deltas = handled.get(handled.size() - 1).deltas();
        latest.row.ifPresent(old -> {
            counts(old, -1, deltas);
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
            counts(r, 1, deltas);
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

    /**
     * Adds a row's contribution to the counts: +1 where a count starts, -1 where it ends; the subject itself on the
     * days it exists.
     */
    static void counts(SubjectRow row, long sign, Map<String, TreeMap<LocalDate, Long>> deltas) {
        add(deltas, SUBJECTS, row.existsFrom() == null ? GapRules.ALWAYS : row.existsFrom(), sign);
        if (row.existsUntil() != null) {
            add(deltas, SUBJECTS, row.existsUntil(), -sign);
        }
        List<StoredWindow> windows = row.windows();
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

    /** The partnership's count changes (by day, then kind) and total changes, as rows to upsert. */
    private static void counts(String pid, Map<String, TreeMap<LocalDate, Long>> deltas, List<Object[]> changes,
                               List<Object[]> totals) {
        List<Object[]> mine = new ArrayList<>();
        Map<String, Long> sums = new TreeMap<>();
        deltas.forEach((kind, byDay) -> byDay.forEach((day, n) -> {
            if (n != 0) {
                mine.add(new Object[]{pid, kind, day, n});
                sums.merge(kind, n, Long::sum);
            }
        }));
        mine.sort(Comparator.comparing((Object[] c) -> (LocalDate) c[2]).thenComparing(c -> (String) c[1]));
        changes.addAll(mine);
        sums.forEach((kind, n) -> {
            if (n != 0) {
                totals.add(new Object[]{pid, kind, n});
            }
        });
    }
}
