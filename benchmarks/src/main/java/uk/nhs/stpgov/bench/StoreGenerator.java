package uk.nhs.stpgov.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.postgresql.PGConnection;
import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.ConfidenceLevel;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.MaturityRating;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.SubjectType;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;
import uk.nhs.stpgov.events.assessment.ConfidenceRecorded;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;
import uk.nhs.stpgov.events.audit.HashChain;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Generates a realistic governance history for the 44 footprints and appends it straight into
 * {@code domainevententry}, byte for byte as the tracker writes it: payload and metadata through Axon's
 * {@link JacksonSerializer} with the tracker's Jackson 2 settings, aggregate type names, Axon's instant format,
 * and each aggregate's {@link HashChain} link in the metadata ({@code HashChainingAppender}). The command side's
 * registry tables ({@code cmd_*}) are written from the same state, as the subscribing registry processor would.
 * Every history obeys the aggregates' rules, so the tracker accepts further commands on it.
 */
final class StoreGenerator {
    static final Instant HISTORY_START = Instant.parse("2016-03-01T09:00:00Z");
    static final Instant HISTORY_END = Instant.parse("2025-11-28T17:00:00Z");

    /** The tracker's Axon ObjectMapper (deploy AxonConfiguration.defaultAxonObjectMapper). */
    static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    record Row(String eventId, String aggregateId, long seq, String type, String timestamp, String payloadType,
               String revision, byte[] payload, byte[] metadata) {
    }

    static final class Member {
        final String ods, name;
        final Sector sector;
        final boolean statutory;
        boolean current = true;
        final LocalDate joinedOn;
        LocalDate leftOn;

        Member(String ods, String name, Sector sector, boolean statutory, LocalDate joinedOn) {
            this.ods = ods;
            this.name = name;
            this.sector = sector;
            this.statutory = statutory;
            this.joinedOn = joinedOn;
        }
    }

    record Forum(String id, List<String> members, Set<ThemeCode> themes) {
    }

    static final class Delegation {
        final String id, forumId, from;
        final Set<ThemeCode> themes;
        final LocalDate from_;

        Delegation(String id, String forumId, String from, Set<ThemeCode> themes, LocalDate effectiveFrom) {
            this.id = id;
            this.forumId = forumId;
            this.from = from;
            this.themes = themes;
            this.from_ = effectiveFrom;
        }
    }

    static final class Change {
        final String id;
        final ServiceChangeKind kind;
        final Set<ThemeCode> themes;
        Stage stage = Stage.PROPOSED;
        final Map<AssuranceTest, AssuranceResult> tests = new EnumMap();

        Change(String id, ServiceChangeKind kind, Set<ThemeCode> themes) {
            this.id = id;
            this.kind = kind;
            this.themes = themes;
        }
    }

    /** EnumMap without the class argument noise. */
    static final class EnumMap extends java.util.EnumMap<AssuranceTest, AssuranceResult> {
        EnumMap() {
            super(AssuranceTest.class);
        }
    }

    static final class Decision {
        final String id;
        final ThemeCode theme;
        final List<String> deciding;
        final Set<String> ratified = new HashSet<>();

        Decision(String id, ThemeCode theme, List<String> deciding) {
            this.id = id;
            this.theme = theme;
            this.deciding = deciding;
        }
    }

    static final class Acc {
        final String id;
        final Subject subject;
        final Set<ThemeCode> themes;
        final RaciRole role;
        String ods, post;
        boolean accepted;

        Acc(String id, Subject subject, Set<ThemeCode> themes, RaciRole role, String ods, String post) {
            this.id = id;
            this.subject = subject;
            this.themes = themes;
            this.role = role;
            this.ods = ods;
            this.post = post;
        }
    }

    /** One partnership's live state, enough to keep every generated command legal. */
    static final class P {
        final Names.Footprint footprint;
        final List<String> places;
        final String actor;
        final Map<String, Member> members = new LinkedHashMap<>();
        final List<Forum> forums = new ArrayList<>();
        final List<Delegation> delegations = new ArrayList<>();
        final List<Change> openChanges = new ArrayList<>();
        final List<Decision> activeDecisions = new ArrayList<>();
        final List<Acc> accountabilities = new ArrayList<>();
        final Set<String> accountableSubjects = new HashSet<>();

        P(Names.Footprint footprint) {
            this.footprint = footprint;
            this.places = Names.places(footprint);
            this.actor = "po." + footprint.slug();
        }

        String id() {
            return footprint.slug();
        }

        List<Member> current(boolean statutoryOnly) {
            return members.values().stream().filter(m -> m.current && (!statutoryOnly || m.statutory)).toList();
        }
    }

    record SubjectRow(String type, String id, String partnershipId, String themes, String status, String outcome,
                      String forumId, LocalDate decidedOn) {
        SubjectRow(String type, String id, String partnershipId, String themes, String status) {
            this(type, id, partnershipId, themes, status, null, null, null);
        }

        SubjectRow withStatus(String newStatus) {
            return new SubjectRow(type, id, partnershipId, themes, newStatus, outcome, forumId, decidedOn);
        }
    }

    /** A row of {@code cmd_accountability}: every assignment, whatever its role, with its holder and dates. */
    record AccountabilityRow(String id, String partnershipId, String subjectType, String subjectRef, String role,
                             String ods, String post, String person, LocalDate from, LocalDate endsOn) {
    }

    private final Random rnd = new Random(20160301L);
    private final JacksonSerializer serializer;
    private final long plannedTotal;
    private final List<P> partnerships = new ArrayList<>();
    private final Map<String, long[]> sequences = new HashMap<>();
    private final Map<String, String> lastHash = new HashMap<>();
    private final List<Row> pending = new ArrayList<>();
    private final Map<String, SubjectRow> subjects = new LinkedHashMap<>();
    private final Map<String, AccountabilityRow> accountabilityRows = new LinkedHashMap<>();
    /** {@code cmd_decision_body}: decision id and body → state. */
    private final Map<List<String>, String> decisionBodies = new LinkedHashMap<>();
    /** {@code cmd_delegation}: each delegation's COPY text without its revocation day, and that day. */
    private final Map<String, String> delegationRows = new LinkedHashMap<>();
    private final Map<String, LocalDate> revokedOn = new HashMap<>();
    /** {@code cmd_member_act} rows as COPY text, each once (the table's key is the whole row). */
    private final Set<String> memberActs = new LinkedHashSet<>();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private final Set<String> usedOds = new HashSet<>();
    private long generated;
    private boolean initialised;

    StoreGenerator(long plannedTotal) {
        this.plannedTotal = plannedTotal;
        this.serializer = JacksonSerializer.builder().objectMapper(axonObjectMapper()).build();
        for (Names.Footprint f : Names.FOOTPRINTS) {
            partnerships.add(new P(f));
        }
    }

    List<P> partnerships() {
        return partnerships;
    }

    long generated() {
        return generated;
    }

    Map<String, Integer> kinds() {
        return kinds;
    }

    /** Instant of the n-th generated event: the history is spread evenly over ten years. */
    Instant instantOf(long n) {
        long span = Duration.between(HISTORY_START, HISTORY_END).toMillis();
        return HISTORY_START.plusMillis(span * n / Math.max(1, plannedTotal));
    }

    Instant lastInstant() {
        return instantOf(generated);
    }

    /** Generates events until {@code total} have been generated and appends them in one transaction. */
    void generateAndAppend(Connection connection, long total) throws SQLException {
        if (!initialised) {
            for (P p : partnerships) {
                setUp(p);
            }
            initialised = true;
        }
        while (generated < total) {
            step(partnerships.get(rnd.nextInt(partnerships.size())));
            if (pending.size() >= 20_000) {
                copy(connection);
            }
        }
        copy(connection);
        writeRegistry(connection);
        connection.commit();
    }

    /** An event the tracker appended to a generated aggregate: continue its sequence and hash chain from there. */
    void adopt(String aggregateId, long lastSequence, String hash) {
        sequences.computeIfAbsent(aggregateId, k -> new long[]{0})[0] = lastSequence + 1;
        lastHash.put(aggregateId, hash);
    }

    /** Generates events up to {@code total} without a database (for tests); returns the rows not yet appended. */
    List<Row> generateRows(long total) {
        if (!initialised) {
            for (P p : partnerships) {
                setUp(p);
            }
            initialised = true;
        }
        while (generated < total) {
            step(partnerships.get(rnd.nextInt(partnerships.size())));
        }
        return List.copyOf(pending);
    }

    // ---------------------------------------------------------------- history

    private void setUp(P p) {
        String c = corr();
        emit(p.id(), "Partnership", new PartnershipRegistered(p.id(), p.footprint.name(), p.footprint.region()), p, c);
        LocalDate joined = LocalDate.of(2016, 3, 1 + rnd.nextInt(20));
        String main = p.places.get(0);
        admit(p, trustCode(), main + " Hospitals NHS Foundation Trust", Sector.FOUNDATION_TRUST, joined);
        for (String place : p.places.subList(0, Math.min(3, p.places.size()))) {
            admit(p, ccgCode(), "NHS " + place + " CCG", Sector.CCG, joined);
            admit(p, laCode(), place + (rnd.nextBoolean() ? " County Council" : " City Council"),
                    Sector.LOCAL_AUTHORITY, joined);
        }
        admit(p, trustCode(), main + " Partnership NHS Foundation Trust", Sector.FOUNDATION_TRUST, joined);
        admit(p, trustCode(), p.places.get(p.places.size() - 1) + " Community Health Services NHS Trust",
                Sector.NHS_TRUST, joined);
        String amb = Names.AMBULANCE_CODES.get(rnd.nextInt(Names.AMBULANCE_CODES.size()));
        admit(p, amb, p.footprint.region() + " Ambulance Service NHS Foundation Trust", Sector.AMBULANCE_TRUST,
                joined);
        admit(p, "Y0" + (1000 + rnd.nextInt(8999)), main + " GP Federation", Sector.GP_FEDERATION, joined);
        admit(p, "HW" + (100 + rnd.nextInt(899)), "Healthwatch " + main, Sector.HEALTHWATCH, joined);
        admit(p, "NL" + (100 + rnd.nextInt(899)), main + " Council for Voluntary Service", Sector.VOLUNTARY_SECTOR,
                joined);
        List<String> statutory = p.current(true).stream().map(m -> m.ods).toList();
        Object[][] forums = {
                {"Partnership Board", ForumKind.PARTNERSHIP_BOARD, EnumSet.of(ThemeCode.VISION, ThemeCode.LEADERSHIP, ThemeCode.STRUCTURE)},
                {"Joint Committee of CCGs", ForumKind.JOINT_COMMITTEE, EnumSet.of(ThemeCode.DECISIONS, ThemeCode.FINANCE)},
                {"Committees in Common", ForumKind.COMMITTEES_IN_COMMON, EnumSet.of(ThemeCode.DECISIONS, ThemeCode.RISK, ThemeCode.CONFLICTS)},
                {"Finance and Estates Programme Board", ForumKind.PROGRAMME_BOARD, EnumSet.of(ThemeCode.FINANCE)},
                {"Clinical Reference Group", ForumKind.CLINICAL_GROUP, EnumSet.of(ThemeCode.ENGAGEMENT, ThemeCode.ASSURANCE)}};
        for (Object[] f : forums) {
            String id = uuid();
            List<String> fm = sample(statutory, 2 + rnd.nextInt(Math.max(1, statutory.size() - 2)));
            @SuppressWarnings("unchecked") Set<ThemeCode> themes = (Set<ThemeCode>) f[2];
            p.forums.add(new Forum(id, fm, themes));
            emit(p.id(), "Partnership", new ForumEstablished(p.id(), id, (String) f[0], (ForumKind) f[1], fm, themes,
                            today()),
                    p, corr());
        }
        for (int i = 0; i < 3; i++) {
            delegate(p);
        }
        for (ThemeCode theme : ThemeCode.values()) {
            assign(p, Subject.theme(theme), EnumSet.of(theme), RaciRole.ACCOUNTABLE);
        }
    }

    private void step(P p) {
        int r = rnd.nextInt(1000);
        if (r < 140) {
            if (p.openChanges.size() < 12) {
                propose(p);
            } else {
                advance(p);
            }
        } else if (r < 360) {
            if (p.openChanges.isEmpty()) {
                propose(p);
            } else {
                advance(p);
            }
        } else if (r < 520) {
            decide(p);
        } else if (r < 660) {
            ratify(p);
        } else if (r < 700) {
            if (p.activeDecisions.size() > 12) {
                rescind(p);
            } else {
                decide(p);
            }
        } else if (r < 820) {
            if (p.accountabilities.size() > 90) {
                relinquish(p);
            } else {
                assignSomething(p);
            }
        } else if (r < 880) {
            accept(p);
        } else if (r < 910) {
            transfer(p);
        } else if (r < 950) {
            relinquish(p);
        } else if (r < 975) {
            assess(p);
        } else if (r < 990) {
            confidence(p);
        } else if (r < 995) {
            membership(p);
        } else {
            if (rnd.nextBoolean()) {
                delegate(p);
            } else {
                revoke(p);
            }
        }
    }

    private void admit(P p, String ods, String name, Sector sector, LocalDate joined) {
        boolean statutory = EnumSet.of(Sector.NHS_TRUST, Sector.FOUNDATION_TRUST, Sector.AMBULANCE_TRUST, Sector.CCG,
                Sector.LOCAL_AUTHORITY).contains(sector);
        Member m = p.members.get(ods);
        if (m != null && m.current) {
            return;
        }
        p.members.put(ods, new Member(ods, name, sector, statutory, joined));
        emit(p.id(), "Partnership", new MemberAdmitted(p.id(), ods, name, sector, statutory, joined), p, corr());
    }

    private void membership(P p) {
        List<Member> withdrawable = p.current(false).stream()
                .filter(m -> !m.statutory && !p.accountabilities.stream().anyMatch(a -> a.ods.equals(m.ods))).toList();
        if (!withdrawable.isEmpty() && rnd.nextInt(3) == 0) {
            Member m = withdrawable.get(rnd.nextInt(withdrawable.size()));
            m.current = false;
            m.leftOn = max(today(), m.joinedOn);
            emit(p.id(), "Partnership", new MemberWithdrew(p.id(), m.ods, m.leftOn,
                    "Left the partnership to join a neighbouring footprint"), p, corr());
        } else {
            String place = p.places.get(rnd.nextInt(p.places.size()));
            admit(p, "NL" + (100 + rnd.nextInt(899)), place + " Carers' Network", Sector.VOLUNTARY_SECTOR, today());
        }
    }

    private void delegate(P p) {
        List<Member> statutory = p.current(true);
        Member from = statutory.get(rnd.nextInt(statutory.size()));
        Forum forum = p.forums.get(rnd.nextInt(p.forums.size()));
        Set<ThemeCode> themes = new TreeSet<>(sample(new ArrayList<>(forum.themes()), 1));
        String id = uuid();
        LocalDate from_ = today();
        LocalDate to = rnd.nextInt(4) == 0 ? from_.plusYears(2) : null;
        p.delegations.add(new Delegation(id, forum.id(), from.ods, themes, from_));
        emit(p.id(), "Partnership", new AuthorityDelegated(p.id(), forum.id(), id, from.ods, themes, from_, to), p,
                corr());
    }

    private void revoke(P p) {
        if (p.delegations.size() <= 2) {
            delegate(p);
            return;
        }
        Delegation d = p.delegations.remove(rnd.nextInt(p.delegations.size()));
        emit(p.id(), "Partnership", new DelegationRevoked(p.id(), d.forumId, d.id, d.themes, max(today(), d.from_),
                "Scheme of delegation revised"), p, corr());
    }

    private void propose(P p) {
        String place = p.places.get(rnd.nextInt(p.places.size()));
        ServiceChangeKind kind = pick(ServiceChangeKind.values());
        String service = Names.SERVICES.get(rnd.nextInt(Names.SERVICES.size()));
        String title = switch (kind) {
            case CLOSURE -> "Close " + service + " at " + place + " Community Hospital";
            case BED_REDUCTION -> "Reduce " + service + " beds in " + place;
            case EXPANSION -> "Expand " + service + " in " + place;
            case NEW_SERVICE -> "New " + service + " for " + place;
            case COMMUNITY_REDESIGN -> "Redesign " + service + " around " + place + " neighbourhood teams";
            case PREVENTION -> "Prevention programme: " + service + " in " + place;
            default -> "Reconfigure " + service + " across " + p.footprint.name();
        };
        Set<ThemeCode> themes = new TreeSet<>(List.of(ThemeCode.ENGAGEMENT));
        themes.add(pick(ThemeCode.values()));
        String id = uuid();
        List<Member> leads = p.current(true);
        Change c = new Change(id, kind, themes);
        p.openChanges.add(c);
        subjects.put("SERVICE_CHANGE:" + id, new SubjectRow("SERVICE_CHANGE", id, p.id(), joinThemes(themes), null));
        emit(id, "ServiceChange", new ServiceChangeProposed(id, p.id(), title.length() > 200 ? title.substring(0, 200)
                : title, kind, themes, leads.get(rnd.nextInt(leads.size())).ods, "Case for change: " + title
                + ". Options appraisal and pre-consultation business case to follow."), p, corr());
    }

    private void advance(P p) {
        Change c = p.openChanges.get(rnd.nextInt(p.openChanges.size()));
        boolean early = c.stage.ordinal() <= Stage.CONSULTATION.ordinal();
        if (early && c.tests.size() < AssuranceTest.values().length && rnd.nextInt(2) == 0) {
            recordTest(p, c);
            return;
        }
        Stage target;
        if (rnd.nextInt(100) < 6) {
            target = Stage.WITHDRAWN;
        } else {
            target = Stage.values()[c.stage.ordinal() + 1];
        }
        if (target == Stage.DECIDED && c.kind.needsFullAssurance()
                && (c.tests.size() < AssuranceTest.values().length
                || c.tests.values().stream().anyMatch(t -> !t.passes()))) {
            recordTest(p, c);
            return;
        }
        String note = switch (target) {
            case ENGAGEMENT -> "Agreed at the partnership board";
            case CONSULTATION -> "Formal public consultation, 12 weeks";
            case DECIDED -> "Decision-making business case approved";
            case IMPLEMENTING -> "Implementation plan signed off";
            case COMPLETED -> "Post-implementation review closed";
            default -> "Withdrawn: options no longer affordable";
        };
        Stage from = c.stage;
        c.stage = target;
        if (!target.isOpen()) {
            p.openChanges.remove(c);
        }
        emit(c.id, "ServiceChange", new ServiceChangeAdvanced(c.id, p.id(), c.themes, from, target, note), p, corr());
    }

    private void recordTest(P p, Change c) {
        List<AssuranceTest> missing = new ArrayList<>();
        for (AssuranceTest t : AssuranceTest.values()) {
            AssuranceResult r = c.tests.get(t);
            if (r == null || !r.passes()) {
                missing.add(t);
            }
        }
        AssuranceTest test = missing.isEmpty() ? pick(AssuranceTest.values()) : missing.get(rnd.nextInt(missing.size()));
        AssuranceResult result = rnd.nextInt(10) == 0 ? AssuranceResult.NOT_MET
                : test == AssuranceTest.BED_CLOSURE && rnd.nextBoolean() ? AssuranceResult.NOT_APPLICABLE
                : AssuranceResult.MET;
        c.tests.put(test, result);
        emit(c.id, "ServiceChange", new AssuranceTestRecorded(c.id, p.id(), c.themes, test, result,
                "Assurance checkpoint with NHS England regional team", today(), "NHS England regional team"), p,
                corr());
    }

    private void decide(P p) {
        ThemeCode theme = pick(ThemeCode.values());
        List<Member> statutory = p.current(true);
        List<String> deciding = sample(statutory.stream().map(m -> m.ods).toList(), 1 + rnd.nextInt(3));
        Forum forum = rnd.nextInt(4) == 0 ? null : p.forums.get(rnd.nextInt(p.forums.size()));
        Change change = !p.openChanges.isEmpty() && rnd.nextInt(3) == 0
                ? p.openChanges.get(rnd.nextInt(p.openChanges.size())) : null;
        Decision earlier = p.activeDecisions.size() > 8 && rnd.nextInt(3) == 0
                ? p.activeDecisions.get(rnd.nextInt(p.activeDecisions.size() / 2)) : null;
        String title = change != null ? "Approve the business case: " + shortTitle(change)
                : Names.DECISION_TITLES.get(rnd.nextInt(Names.DECISION_TITLES.size())) + " " + (2016 + rnd.nextInt(10))
                + "/" + (17 + rnd.nextInt(10));
        if (earlier != null) {
            theme = earlier.theme;
            title = "Revised: " + title;
        }
        DecisionOutcome outcome = rnd.nextInt(10) < 7 ? DecisionOutcome.APPROVED : pick(DecisionOutcome.values());
        String id = uuid();
        String c = corr();
        Decision d = new Decision(id, theme, deciding);
        p.activeDecisions.add(d);
        LocalDate on = today().minusDays(rnd.nextInt(10));
        subjects.put("DECISION:" + id, new SubjectRow("DECISION", id, p.id(), theme.name(), "ACTIVE",
                outcome.name(), forum == null ? null : forum.id(), on));
        emit(id, "Decision", new DecisionRecorded(id, p.id(), title, theme, forum == null ? null : forum.id(),
                change == null ? null : change.id, deciding, outcome, "Recommended by the "
                + (forum == null ? "programme office" : "forum") + " after review of options and financial impact",
                on, earlier == null ? null : earlier.id), p, c);
        if (earlier != null) {
            p.activeDecisions.remove(earlier);
            subjects.computeIfPresent("DECISION:" + earlier.id, (k, row) -> row.withStatus("SUPERSEDED"));
            emit(earlier.id, "Decision", new DecisionSuperseded(earlier.id, p.id(), earlier.theme, id, on), p, c);
        }
    }

    private void ratify(P p) {
        for (int attempt = 0; attempt < 4 && !p.activeDecisions.isEmpty(); attempt++) {
            Decision d = p.activeDecisions.get(p.activeDecisions.size() - 1 - rnd.nextInt(
                    Math.min(8, p.activeDecisions.size())));
            for (String ods : d.deciding) {
                Member m = p.members.get(ods);
                if (!d.ratified.contains(ods) && m != null && m.current) {
                    d.ratified.add(ods);
                    emit(d.id, "Decision", new DecisionRatified(d.id, p.id(), d.theme, ods, today()), p, corr());
                    return;
                }
            }
        }
        decide(p);
    }

    private void rescind(P p) {
        Decision d = p.activeDecisions.remove(rnd.nextInt(p.activeDecisions.size()));
        subjects.computeIfPresent("DECISION:" + d.id, (k, row) -> row.withStatus("RESCINDED"));
        emit(d.id, "Decision", new DecisionRescinded(d.id, p.id(), d.theme,
                "Superseded by national guidance; no longer required", today()), p, corr());
    }

    private void assignSomething(P p) {
        int r = rnd.nextInt(3);
        if (r == 0 && !p.openChanges.isEmpty()) {
            Change c = p.openChanges.get(rnd.nextInt(p.openChanges.size()));
            assign(p, new Subject(SubjectType.SERVICE_CHANGE, c.id), c.themes, role(p, "SERVICE_CHANGE:" + c.id));
        } else if (r == 1 && !p.activeDecisions.isEmpty()) {
            Decision d = p.activeDecisions.get(rnd.nextInt(p.activeDecisions.size()));
            assign(p, new Subject(SubjectType.DECISION, d.id), EnumSet.of(d.theme), role(p, "DECISION:" + d.id));
        } else {
            ThemeCode t = pick(ThemeCode.values());
            assign(p, Subject.theme(t), EnumSet.of(t), role(p, "THEME:" + t.name()));
        }
    }

    private RaciRole role(P p, String subject) {
        if (!p.accountableSubjects.contains(subject)) {
            return RaciRole.ACCOUNTABLE;
        }
        return pick(new RaciRole[]{RaciRole.RESPONSIBLE, RaciRole.CONSULTED, RaciRole.INFORMED});
    }

    private void assign(P p, Subject subject, Set<ThemeCode> themes, RaciRole role) {
        List<Member> current = role == RaciRole.ACCOUNTABLE ? p.current(true) : p.current(false);
        Member m = current.get(rnd.nextInt(current.size()));
        String id = uuid();
        String post = Names.POSTS.get(rnd.nextInt(Names.POSTS.size()));
        String person = rnd.nextInt(5) == 0 ? null : person();
        Acc a = new Acc(id, subject, new TreeSet<>(themes), role, m.ods, post);
        p.accountabilities.add(a);
        if (role == RaciRole.ACCOUNTABLE) {
            p.accountableSubjects.add(subject.toString());
        }
        LocalDate from = today();
        emit(id, "Accountability", new AccountabilityAssigned(id, p.id(), subject, a.themes, role, m.ods, post, person,
                from, rnd.nextBoolean() ? from.plusYears(1) : null, false), p, corr());
    }

    private void accept(P p) {
        for (Acc a : p.accountabilities) {
            if (!a.accepted) {
                a.accepted = true;
                emit(a.id, "Accountability", new AccountabilityAccepted(a.id, p.id(), a.subject, a.themes, a.ods,
                        today()), p, corr());
                return;
            }
        }
        assignSomething(p);
    }

    private void transfer(P p) {
        if (p.accountabilities.isEmpty()) {
            assignSomething(p);
            return;
        }
        Acc a = p.accountabilities.get(rnd.nextInt(p.accountabilities.size()));
        List<Member> current = a.role == RaciRole.ACCOUNTABLE ? p.current(true) : p.current(false);
        Member to = current.get(rnd.nextInt(current.size()));
        String post = Names.POSTS.get(rnd.nextInt(Names.POSTS.size()));
        if (to.ods.equals(a.ods) && post.equals(a.post)) {
            return;
        }
        String person = person();
        String fromOds = a.ods, fromPost = a.post;
        a.ods = to.ods;
        a.post = post;
        a.accepted = false;
        emit(a.id, "Accountability", new AccountabilityTransferred(a.id, p.id(), a.subject, a.themes, a.role, fromOds,
                fromPost, to.ods, post, person, today()), p, corr());
    }

    private void relinquish(P p) {
        if (p.accountabilities.size() < 20) {
            assignSomething(p);
            return;
        }
        Acc a = p.accountabilities.remove(rnd.nextInt(p.accountabilities.size()));
        if (a.role == RaciRole.ACCOUNTABLE) {
            p.accountableSubjects.remove(a.subject.toString());
        }
        emit(a.id, "Accountability", new AccountabilityRelinquished(a.id, p.id(), a.subject, a.themes, a.role, a.ods,
                today(), "Post holder left the organisation"), p, corr());
    }

    private void assess(P p) {
        ThemeCode theme = pick(ThemeCode.values());
        List<ThemeAssessed.Answer> answers = new ArrayList<>();
        for (int q = 1; q <= 3; q++) {
            answers.add(new ThemeAssessed.Answer(theme.name() + "-" + q, "Question " + q + " of " + theme,
                    pick(new String[]{"Yes, documented and in use", "Partly: agreed in principle, not yet in place",
                            "No", "Under review by the partnership board"})));
        }
        emit(p.id() + ":assessments", "Assessments", new ThemeAssessed(p.id(), uuid(), theme, pick(MaturityRating.values()), answers,
                today()), p, corr());
    }

    private void confidence(P p) {
        emit(p.id() + ":assessments", "Assessments", new ConfidenceRecorded(p.id(), uuid(), pick(new String[]{"Chief Executive",
                "Chair", "Director of Finance", "Clinical Lead", "Local Authority Chief Executive"}),
                pick(ConfidenceLevel.values()), "Barometer survey response", today(),
                "How confident are you in the partnership's governance?", null), p, corr());
    }

    // ---------------------------------------------------------------- rows

    private void emit(String aggregateId, String type, Object payload, P p, String correlationId) {
        long seq = sequences.computeIfAbsent(aggregateId, k -> new long[]{0})[0]++;
        Instant at = instantOf(generated);
        String recordedAt = DateTimeUtils.formatInstant(at);
        SerializedObject<byte[]> data = serializer.serialize(payload, byte[].class);
        String previous = lastHash.getOrDefault(aggregateId, HashChain.GENESIS);
        String hash = HashChain.next(previous, data.getType().getName(), data.getData(), recordedAt, p.actor);
        lastHash.put(aggregateId, hash);
        Map<String, Object> meta = new HashMap<>();
        meta.put("actor", p.actor);
        meta.put("correlationId", correlationId);
        meta.put("hash", hash);
        byte[] metadata = serializer.serialize(MetaData.from(meta), byte[].class).getData();
        pending.add(new Row(uuid(), aggregateId, seq, type, recordedAt, data.getType().getName(),
                data.getType().getRevision(), data.getData(), metadata));
        kinds.merge(payload.getClass().getSimpleName(), 1, Integer::sum);
        generated++;
        register(payload);
    }

    /**
     * What the command registry's subscribing processor writes for each event (command-side
     * {@code RegistryProjection}) into the tables the generator does not keep from its own state: every
     * accountability with its holder and dates, each decision's deciding bodies and their answers, and the acts that
     * name a body as a member on a day.
     */
    private void register(Object payload) {
        if (payload instanceof DecisionRecorded e) {
            for (String ods : e.decidingOdsCodes()) {
                decisionBodies.put(List.of(e.decisionId(), ods), "PENDING");
                act(e.partnershipId(), ods, e.decidedOn(), "DECIDED", e.decisionId());
            }
            e.positions().forEach(position -> act(e.partnershipId(), position.odsCode(), e.decidedOn(), "POSITION",
                    e.decisionId()));
        } else if (payload instanceof AuthorityDelegated e) {
            delegationRows.put(e.partnershipId() + '|' + e.delegationId(), e.partnershipId() + '\t' + e.delegationId()
                    + '\t' + e.forumId() + '\t' + e.fromOdsCode() + '\t'
                    + e.themes().stream().map(Enum::name).sorted().collect(Collectors.joining(",")) + '\t'
                    + e.effectiveFrom() + '\t' + (e.effectiveTo() == null ? "\\N" : e.effectiveTo().toString()));
        } else if (payload instanceof DelegationRevoked e) {
            revokedOn.put(e.partnershipId() + '|' + e.delegationId(), e.on());
        } else if (payload instanceof DecisionRatified e) {
            decisionBodies.put(List.of(e.decisionId(), e.odsCode()), "RATIFIED");
            act(e.partnershipId(), e.odsCode(), e.ratifiedOn(), "RATIFIED", e.decisionId());
        } else if (payload instanceof AccountabilityAssigned e) {
            accountabilityRows.put(e.accountabilityId(), new AccountabilityRow(e.accountabilityId(), e.partnershipId(),
                    e.subject().type().name(), e.subject().ref(), e.role().name(), e.odsCode(), e.post(),
                    e.personName(), e.effectiveFrom(), null));
            act(e.partnershipId(), e.odsCode(), e.effectiveFrom(), "HELD", e.accountabilityId());
        } else if (payload instanceof AccountabilityAccepted e) {
            act(e.partnershipId(), e.odsCode(), e.on(), "ACCEPTED", e.accountabilityId());
        } else if (payload instanceof AccountabilityTransferred e) {
            accountabilityRows.computeIfPresent(e.accountabilityId(), (id, r) -> new AccountabilityRow(id,
                    r.partnershipId(), r.subjectType(), r.subjectRef(), r.role(), e.odsCode(), e.post(),
                    e.personName(), r.from(), r.endsOn()));
            act(e.partnershipId(), e.odsCode(), e.on(), e.succeededFrom() == null ? "TRANSFERRED" : "PASSED",
                    e.accountabilityId());
        } else if (payload instanceof AccountabilityRelinquished e) {
            accountabilityRows.computeIfPresent(e.accountabilityId(), (id, r) -> new AccountabilityRow(id,
                    r.partnershipId(), r.subjectType(), r.subjectRef(), r.role(), r.ods(), r.post(), r.person(),
                    r.from(), e.on()));
        } else if (payload instanceof ConfidenceRecorded e && e.respondentOdsCode() != null) {
            act(e.partnershipId(), e.respondentOdsCode(), e.recordedOn(), "CONFIDENCE", e.assessmentId());
        } else if (payload instanceof ServiceChangeProposed e && e.proposedOn() != null) {
            act(e.partnershipId(), e.leadOdsCode(), e.proposedOn(), "LEAD", e.serviceChangeId());
        }
    }

    private void act(String partnershipId, String ods, LocalDate on, String act, String recordId) {
        memberActs.add(partnershipId + '\t' + ods + '\t' + on + '\t' + act + '\t' + recordId + '\n');
    }

    private void copy(Connection connection) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(pending.size() * 1200);
        StringBuilder line = new StringBuilder(2048);
        for (Row row : pending) {
            line.setLength(0);
            line.append(text(row.eventId())).append('\t').append(text(row.aggregateId())).append('\t')
                    .append(row.seq()).append('\t').append(text(row.type())).append('\t')
                    .append(text(row.timestamp())).append('\t').append(text(row.payloadType())).append('\t')
                    .append(row.revision() == null ? "\\N" : text(row.revision())).append('\t');
            hex(line, row.payload());
            line.append('\t');
            hex(line, row.metadata());
            line.append('\n');
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, "
                            + "payloadtype, payloadrevision, payload, metadata) FROM STDIN",
                    new java.io.ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending.clear();
    }

    /** The registry is a function of the generated history; it is rewritten whole (no other rows exist yet). */
    private void writeRegistry(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("TRUNCATE cmd_partnership, cmd_membership, cmd_forum, cmd_subject, cmd_accountability, "
                    + "cmd_decision_body, cmd_member_act, cmd_delegation");
        }
        StringBuilder partnershipsTsv = new StringBuilder();
        StringBuilder membersTsv = new StringBuilder();
        StringBuilder forumsTsv = new StringBuilder();
        for (P p : partnerships) {
            partnershipsTsv.append(p.id()).append('\n');
            for (Member m : p.members.values()) {
                membersTsv.append(p.id()).append('\t').append(m.ods).append('\t').append(m.joinedOn).append('\t')
                        .append(m.leftOn == null ? "\\N" : m.leftOn.toString()).append('\t').append(m.statutory)
                        .append('\n');
            }
            for (Forum f : p.forums) {
                forumsTsv.append(p.id()).append('\t').append(f.id()).append('\n');
            }
        }
        StringBuilder subjectsTsv = new StringBuilder();
        for (SubjectRow r : subjects.values()) {
            subjectsTsv.append(r.type()).append('\t').append(r.id()).append('\t').append(r.partnershipId()).append('\t')
                    .append(r.themes()).append('\t').append(r.status() == null ? "\\N" : r.status()).append('\t')
                    .append(r.outcome() == null ? "\\N" : r.outcome()).append('\t')
                    .append(r.forumId() == null ? "\\N" : r.forumId()).append('\t')
                    .append(r.decidedOn() == null ? "\\N" : r.decidedOn().toString()).append('\n');
        }
        StringBuilder accountabilitiesTsv = new StringBuilder();
        for (AccountabilityRow r : accountabilityRows.values()) {
            accountabilitiesTsv.append(r.id()).append('\t').append(r.partnershipId()).append('\t')
                    .append(r.subjectType()).append('\t').append(text(r.subjectRef())).append('\t').append(r.ods())
                    .append('\t').append(text(r.post())).append('\t')
                    .append(r.person() == null ? "\\N" : text(r.person())).append('\t').append(r.role()).append('\t')
                    .append(r.from()).append('\t').append(r.endsOn() == null ? "\\N" : r.endsOn().toString())
                    .append('\n');
        }
        StringBuilder bodiesTsv = new StringBuilder();
        decisionBodies.forEach((key, state) -> bodiesTsv.append(key.get(0)).append('\t')
                .append(subjects.get("DECISION:" + key.get(0)).partnershipId()).append('\t').append(key.get(1))
                .append('\t').append(state).append('\n'));
        copyText(connection, "COPY cmd_partnership (partnership_id) FROM STDIN", partnershipsTsv);
        copyText(connection, "COPY cmd_membership (partnership_id, ods_code, joined_on, left_on, statutory) FROM STDIN",
                membersTsv);
        copyText(connection, "COPY cmd_forum (partnership_id, forum_id) FROM STDIN", forumsTsv);
        copyText(connection, "COPY cmd_subject (subject_type, subject_id, partnership_id, themes, status, outcome, "
                + "forum_id, decided_on) FROM STDIN", subjectsTsv);
        StringBuilder delegationsTsv = new StringBuilder();
        delegationRows.forEach((key, row) -> delegationsTsv.append(row).append('\t')
                .append(revokedOn.containsKey(key) ? revokedOn.get(key).toString() : "\\N").append('\n'));
        copyText(connection, "COPY cmd_delegation (partnership_id, delegation_id, forum_id, from_ods_code, themes, "
                + "effective_from, effective_to, revoked_on) FROM STDIN", delegationsTsv);
        copyText(connection, "COPY cmd_accountability (accountability_id, partnership_id, subject_type, subject_ref, "
                + "ods_code, post, person_name, role, effective_from, ends_on) FROM STDIN", accountabilitiesTsv);
        copyText(connection, "COPY cmd_decision_body (decision_id, partnership_id, ods_code, state) FROM STDIN",
                bodiesTsv);
        copyText(connection, "COPY cmd_member_act (partnership_id, ods_code, acted_on, act, record_id) FROM STDIN",
                String.join("", memberActs));
    }

    private static void copyText(Connection connection, String sql, CharSequence tsv) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql,
                    new java.io.ByteArrayInputStream(tsv.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void hex(StringBuilder sb, byte[] bytes) {
        sb.append("\\\\x");
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    // ---------------------------------------------------------------- helpers

    private LocalDate today() {
        return LocalDate.ofInstant(instantOf(generated), ZoneOffset.UTC);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    String uuid() {
        long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    private String corr() {
        return uuid();
    }

    private <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private <T> List<T> sample(List<T> values, int n) {
        List<T> copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, rnd);
        return List.copyOf(copy.subList(0, Math.min(n, copy.size())));
    }

    private String person() {
        return Names.FIRST.get(rnd.nextInt(Names.FIRST.size())) + " " + Names.LAST.get(rnd.nextInt(Names.LAST.size()));
    }

    private String trustCode() {
        return unique(() -> "R" + (char) ('A' + rnd.nextInt(26)) + (char) ('A' + rnd.nextInt(26)));
    }

    private String ccgCode() {
        return unique(() -> "0" + rnd.nextInt(10) + (char) ('A' + rnd.nextInt(26)));
    }

    private String laCode() {
        return unique(() -> String.valueOf(100 + rnd.nextInt(900)));
    }

    private String unique(java.util.function.Supplier<String> codes) {
        String code;
        do {
            code = codes.get();
        } while (!usedOds.add(code) || Names.AMBULANCE_CODES.contains(code));
        return code;
    }

    private static String joinThemes(Set<ThemeCode> themes) {
        return themes.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private static String shortTitle(Change c) {
        return c.kind.name().toLowerCase().replace('_', ' ') + " " + c.id.substring(0, 8);
    }
}
