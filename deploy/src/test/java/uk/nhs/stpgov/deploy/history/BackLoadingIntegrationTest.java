package uk.nhs.stpgov.deploy.history;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import javax.sql.DataSource;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A programme office back-loads its 2016–2019 log through the CSV imports (members, forums, decisions,
 * ratifications, accountabilities), in which bodies later withdraw or are succeeded, and then carries the record to
 * 2023. Today's membership never refuses a 2017 act; a dry run writes nothing; re-importing writes nothing new.
 */
@IntegrationTest
class BackLoadingIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    private static final String MEMBERS = """
            odsCode,name,sector,statutory,joinedOn
            RNL,North Cumbria University Hospitals NHS Trust,NHS_TRUST,,2016-03-01
            RNN,Cumbria Partnership NHS Foundation Trust,FOUNDATION_TRUST,,2016-03-01
            01H,NHS North Cumbria CCG,CCG,,2016-03-01
            16C,Cumbria County Council,LOCAL_AUTHORITY,,2016-03-01
            Y02617,Cumbria Health On Call,GP_FEDERATION,,2016-09-01
            """;
    private static final String FORUMS = """
            id,name,kind,memberOdsCodes,themes,establishedOn
            0c9d7e1a-1111-4222-8333-944455566677,North Cumbria Joint Committee,JOINT_COMMITTEE,RNL RNN 01H 16C,DECISIONS FINANCE RISK,2016-05-05
            ,Clinical Strategy Group,CLINICAL_GROUP,RNL RNN Y02617,ASSURANCE,2016-10-01
            """;
    private static final String DECISIONS = """
            reference,title,theme,forumId,decidingOdsCodes,positions,outcome,rationale,decidedOn
            JC/2016/021,Consult on community hospital beds,DECISIONS,0c9d7e1a-1111-4222-8333-944455566677,01H,01H:SUPPORTS 16C:ABSTAINS,APPROVED,Governing body decides,2016-09-20
            JC/2017/007,Agree the system control total for 2017/18,FINANCE,0c9d7e1a-1111-4222-8333-944455566677,RNL RNN 01H,RNL:SUPPORTS RNN:SUPPORTS 01H:SUPPORTS,APPROVED,Within the envelope,2017-03-30
            JC/2018/014,Adopt the system risk-sharing agreement,RISK,0c9d7e1a-1111-4222-8333-944455566677,RNL 01H 16C,,APPROVED,Shared risk,2018-05-24
            JC/2019/003,Note the council's S75 review,DECISIONS,0c9d7e1a-1111-4222-8333-944455566677,16C,,NOTED,,2019-01-10
            """;
    private static final String RATIFICATIONS = """
            decisionReference,odsCode,ratifiedOn,declined,reason
            JC/2017/007,01H,2017-04-12,,
            JC/2017/007,RNL,2017-04-20,,
            JC/2018/014,16C,2018-06-20,true,Cabinet would not accept an open-ended risk share
            """;
    private static final String ACCOUNTABILITIES = """
            subjectType,subjectRef,role,odsCode,post,personName,effectiveFrom,reviewBy,joint
            THEME,FINANCE,ACCOUNTABLE,RNL,Director of Finance,Siobhan O'Neill,2017-04-01,2018-03-31,
            THEME,ENGAGEMENT,RESPONSIBLE,01H,Director of Communications,Ruth O'Hara,2016-05-01,,
            THEME,RISK,ACCOUNTABLE,16C,Director of Resources,,2018-06-01,,
            """;

    @Test
    void a2016To2019LogIsBackLoadedAndCarriedTo2023() {
        Api api = new Api(port);
        EventStore store = new EventStore(dataSource);
        String pid = "backload-" + UUID.randomUUID().toString().substring(0, 8);
        String p = "/api/partnerships/" + pid;
        api.ok("/api/partnerships", """
                {"id":"%s","name":"West, North and East Cumbria STP","region":"North East and Cumbria"}""".formatted(pid));

        assertThat(imports(api, p, "members", MEMBERS, false).get("imported").asInt()).isEqualTo(5);
        long before = store.count();
        JsonNode dry = imports(api, p, "forums", FORUMS, true);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("imported").asInt()).isEqualTo(2);
        assertThat(store.count()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(imports(api, p, "forums", FORUMS, false).get("imported").asInt()).isEqualTo(2);
        JsonNode decisions = imports(api, p, "decisions", DECISIONS, false);
        assertThat(decisions.get("imported").asInt()).isEqualTo(4);
        assertThat(imports(api, p, "ratifications", RATIFICATIONS, false).get("imported").asInt()).isEqualTo(3);
        JsonNode accountabilities = imports(api, p, "accountabilities", ACCOUNTABILITIES, false);
        assertThat(accountabilities.get("imported").asInt()).isEqualTo(3);

        // Re-importing every file writes nothing new (before anything else is recorded).
        long loaded = store.count();
        for (String[] file : new String[][]{{"members", MEMBERS}, {"forums", FORUMS}, {"decisions", DECISIONS},
                {"ratifications", RATIFICATIONS}, {"accountabilities", ACCOUNTABILITIES}}) {
            JsonNode again = imports(api, p, file[0], file[1], false);
            assertThat(again.get("imported").asInt()).as(file[0]).isZero();
            assertThat(again.get("skipped").asInt()).as(file[0]).isPositive();
        }
        assertThat(store.count()).isEqualTo(loaded);

        // Carried on: the acute trust merges into RNN, the council withdraws, and a 2017 minute found later still
        // loads, judged on 2017's membership, though both bodies have gone.
        api.ok(p + "/members/RNL/succession", """
                {"successorOdsCode":"RNN","successorName":"North Cumbria Integrated Care NHS Foundation Trust",
                 "sector":"FOUNDATION_TRUST","on":"2019-10-01","reason":"Merger"}""");
        api.ok(p + "/members/16C/withdrawal", "{\"on\":\"2021-03-31\",\"reason\":\"Left the partnership board\"}");
        assertThat(imports(api, p, "decisions", """
                reference,title,theme,decidingOdsCodes,outcome,decidedOn
                JC/2017/019,Winter plan 2017/18,RISK,RNL 16C,NOTED,2017-10-12
                """, false).get("imported").asInt()).isEqualTo(1);

        // Carried to 2023: the CCG is succeeded by the ICB, the partnership becomes an ICS and then a statutory one.
        api.ok(p + "/status", "{\"status\":\"ICS\",\"name\":\"North Cumbria Health and Care System\",\"on\":\"2020-04-01\"}");
        api.ok(p + "/members/01H/succession", """
                {"successorOdsCode":"QHM","successorName":"NHS North East and North Cumbria ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        api.ok(p + "/status", "{\"status\":\"STATUTORY_ICS\",\"on\":\"2022-07-01\"}");
        api.ok(p + "/decisions", """
                {"reference":"ICB/2023/002","title":"Adopt the 2023/24 joint forward plan","theme":"FINANCE",
                 "decidingOdsCodes":["QHM","RNN"],"outcome":"APPROVED","decidedOn":"2023-03-29"}""");
        assertThat(api.post(p + "/decisions", """
                {"title":"Too late for the CCG","theme":"FINANCE","decidingOdsCodes":["01H"],"outcome":"NOTED",
                 "decidedOn":"2023-01-01"}""").status()).isEqualTo(409);

        // What the successions carried over (the query side will show it with succeededFrom): the trust's finance
        // lead passed to RNN in 2019, the CCG's engagement lead to the ICB in 2022, and the CCG's unratified 2016
        // decision is now owed by the ICB. The council withdrew: its RISK accountability stays with it.
        String finance = accountabilities.get("ids").get(0).asText();
        String engagement = accountabilities.get("ids").get(1).asText();
        String risk = accountabilities.get("ids").get(2).asText();
        assertThat(store.of(finance).get(1).payload().get("odsCode").asText()).isEqualTo("RNN");
        assertThat(store.of(finance).get(1).payload().get("succeededFrom").asText()).isEqualTo("RNL");
        assertThat(store.of(finance).get(1).payload().get("on").asText()).isEqualTo("2019-10-01");
        assertThat(store.of(engagement).get(1).payload().get("odsCode").asText()).isEqualTo("QHM");
        assertThat(store.typesOf(risk)).containsExactly("AccountabilityAssigned");
        String beds = decisions.get("ids").get(0).asText();
        assertThat(store.typesOf(beds)).containsExactly("DecisionRecorded", "DecisionRatifierSucceeded");
        String controlTotal = decisions.get("ids").get(1).asText();
        assertThat(store.typesOf(controlTotal)).as("RNN's own ratification was still owed; RNL had ratified")
                .containsExactly("DecisionRecorded", "DecisionRatified", "DecisionRatified");

        assertThat(api.post(p + "/imports/decisions", "text/csv", """
                reference,title,theme,decidingOdsCodes,outcome,decidedOn
                JC/2019/099,A decision by the acute trust after it merged,RISK,RNL,APPROVED,2019-10-02
                """).status()).as("RNL left on its merger").isEqualTo(409);

        // The map on several days, as we know now (read after every command above).
        // 2018-04-01: the acute trust holds FINANCE (its review fell due the day before), the council's RISK
        // accountability is still ahead, the CCG is RESPONSIBLE for ENGAGEMENT.
        JsonNode finance2018 = subject(api, p, "2018-04-01", "FINANCE");
        assertThat(holders(finance2018, "accountable")).containsExactly("RNL");
        assertThat(finance2018.get("accountable").get(0).has("succeededFrom")).isFalse();
        assertThat(kinds(finance2018)).as("the trust never accepted it: judged on the trust, its holder that day")
                .contains("REVIEW_OVERDUE", "NOT_ACCEPTED").doesNotContain("HOLDER_WITHDRAWN");
        JsonNode risk2018 = subject(api, p, "2018-04-01", "RISK");
        assertThat(holders(risk2018, "accountable")).isEmpty();
        assertThat(holders(risk2018, "pending")).containsExactly("16C");
        assertThat(holders(subject(api, p, "2018-04-01", "ENGAGEMENT"), "responsible")).containsExactly("01H");

        // 2020-01-01: the merged trust holds FINANCE by succession; the council holds RISK.
        JsonNode finance2020 = subject(api, p, "2020-01-01", "FINANCE");
        assertThat(holders(finance2020, "accountable")).containsExactly("RNN");
        assertThat(finance2020.get("accountable").get(0).get("succeededFrom").asText()).isEqualTo("RNL");
        assertThat(kinds(finance2020)).doesNotContain("HOLDER_WITHDRAWN");
        assertThat(holders(subject(api, p, "2020-01-01", "RISK"), "accountable")).containsExactly("16C");
        assertThat(holders(subject(api, p, "2020-01-01", "ENGAGEMENT"), "responsible")).containsExactly("01H");

        // 2023-01-01: the ICB is RESPONSIBLE for ENGAGEMENT by succession, no gap for either succeeded body; the
        // council left without a successor, so its RISK accountability is a HOLDER_WITHDRAWN gap.
        JsonNode engagement2023 = subject(api, p, "2023-01-01", "ENGAGEMENT");
        assertThat(holders(engagement2023, "responsible")).containsExactly("QHM");
        assertThat(engagement2023.get("responsible").get(0).get("succeededFrom").asText()).isEqualTo("01H");
        // The CSV export says it too (outside tester: it had no column for it).
        String csv = api.get(p + "/accountability-map.csv?on=2023-01-01&theme=ENGAGEMENT"
                + "&subjectType=THEME").body();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",gaps,accountabilityId,succeededFrom");
        assertThat(csv.lines().filter(line -> line.contains(",RESPONSIBLE,QHM,")).toList()).singleElement()
                .asString().endsWith("," + engagement + ",01H");
        assertThat(kinds(engagement2023)).doesNotContain("HOLDER_WITHDRAWN");
        assertThat(kinds(subject(api, p, "2023-01-01", "FINANCE"))).doesNotContain("HOLDER_WITHDRAWN");
        assertThat(kinds(subject(api, p, "2023-01-01", "RISK"))).contains("HOLDER_WITHDRAWN");
        assertThat(kinds(subject(api, p, "2021-03-30", "RISK"))).doesNotContain("HOLDER_WITHDRAWN");
        assertThat(Scenario.readOk(api, "/api/accountabilities/" + finance).get("succeededFrom").asText())
                .isEqualTo("RNL");
        // One assignment on a day: its holder that day.
        JsonNode finance2018Holder = Scenario.readOk(api, "/api/accountabilities/" + finance + "?on=2018-04-01");
        assertThat(finance2018Holder.get("odsCode").asText()).isEqualTo("RNL");
        assertThat(finance2018Holder.get("succeededFrom").isNull()).isTrue();
        assertThat(finance2018Holder.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(Scenario.readOk(api, "/api/accountabilities/" + finance + "?on=2019-10-01").get("odsCode")
                .asText()).isEqualTo("RNN");
        assertThat(Scenario.readOk(api, "/api/accountabilities/" + engagement + "?on=2022-06-30").get("odsCode")
                .asText()).isEqualTo("01H");
        assertThat(Scenario.readOk(api, "/api/accountabilities/" + engagement).get("odsCode").asText())
                .isEqualTo("QHM");
        JsonNode owed = Scenario.readOk(api, "/api/decisions/" + beds).get("bindings");
        assertThat(owed.get(0).get("odsCode").asText()).isEqualTo("QHM");
        assertThat(owed.get(0).get("succeededFrom").asText()).isEqualTo("01H");
    }

    /**
     * The same log loaded after the successions and the withdrawal were recorded (the order a programme office that
     * records today's membership first would use) answers exactly as when it was loaded first: what a succession
     * passes on passes all the same, and the predecessors' own answers dated before it still count.
     */
    @Test
    void aLogLoadedAfterTheSuccessionsAnswersAsIfLoadedBeforeThem() {
        Api api = new Api(port);
        EventStore store = new EventStore(dataSource);
        String before = loadWithSuccessions(api, true);
        String after = loadWithSuccessions(api, false);
        for (String on : List.of("2017-06-01", "2018-04-01", "2020-01-01", "2021-04-01", "2023-01-01")) {
            assertThat(mapOn(api, after, on)).as("map on " + on).isEqualTo(mapOn(api, before, on))
                    .isNotEmpty();
        }
        assertThat(decisions(api, after, "")).isEqualTo(decisions(api, before, ""));
        for (String on : List.of("2017-06-01", "2018-07-01", "2020-01-01", "2023-01-01")) {
            assertThat(decisions(api, after, "?on=" + on)).as("decisions on " + on)
                    .isEqualTo(decisions(api, before, "?on=" + on));
        }
        for (String on : List.of("2017-06-01", "2020-01-01", "2023-01-01")) {
            assertThat(forumsOn(api, after, on)).as("forums on " + on).isEqualTo(forumsOn(api, before, on));
        }
        // The council withdrew in 2021: the ICB's terms of 2022 name that day's members only.
        assertThat(forumsOn(api, after, "2023-01-01")).containsEntry("North Cumbria Joint Committee",
                "[RNN, QHM] from 2022-07-01");
        assertThat(delegations(api, after)).isEqualTo(delegations(api, before)).contains("QHM FINANCE true 01H");

        // What the late load passed on, in the store: the CCG's engagement lead, its owed ratification, and its
        // delegation; the CCG's own 2017 ratification (loaded after its ratification had passed) settles what the
        // ICB inherited, so the ICB's later succession passes nothing more for that decision.
        String p = "/api/partnerships/" + after;
        JsonNode engagement = subject(api, p, "2023-01-01", "ENGAGEMENT");
        assertThat(engagement.get("responsible").get(0).get("succeededFrom").asText()).isEqualTo("01H");
        String controlTotal = decisionId(api, p, "JC/2017/007");
        assertThat(store.typesOf(controlTotal)).containsExactly("DecisionRecorded", "DecisionRatifierSucceeded",
                "DecisionRatifierSucceeded", "DecisionRatified", "DecisionRatified");
        assertThat(api.post("/api/decisions/" + controlTotal + "/ratifications",
                "{\"odsCode\":\"QHM\",\"ratifiedOn\":\"2022-08-01\"}").status())
                .as("the CCG answered it before its succession").isEqualTo(409);
        String beds = decisionId(api, p, "JC/2016/021");
        api.ok(p + "/members/QHM/succession", """
                {"successorOdsCode":"QNE","successorName":"NHS North East ICB","sector":"ICB","on":"2024-04-01",
                 "reason":"Boundary change"}""");
        assertThat(store.typesOf(beds)).endsWith("DecisionRatifierSucceeded", "DecisionRatifierSucceeded");
        assertThat(store.typesOf(controlTotal)).last().isEqualTo("DecisionRatified");
    }

    /** A partnership loaded from this class's log, with the successions recorded before it or after it. */
    private String loadWithSuccessions(Api api, boolean logFirst) {
        String pid = "backload-" + UUID.randomUUID().toString().substring(0, 8);
        String p = "/api/partnerships/" + pid;
        api.ok("/api/partnerships", """
                {"id":"%s","name":"West, North and East Cumbria STP","region":"North East and Cumbria"}""".formatted(pid));
        imports(api, p, "members", MEMBERS, false);
        if (logFirst) {
            loadLog(api, p);
        }
        api.ok(p + "/members/RNL/succession", """
                {"successorOdsCode":"RNN","successorName":"North Cumbria Integrated Care NHS Foundation Trust",
                 "sector":"FOUNDATION_TRUST","on":"2019-10-01","reason":"Merger"}""");
        api.ok(p + "/members/16C/withdrawal", "{\"on\":\"2021-03-31\",\"reason\":\"Left the partnership board\"}");
        api.ok(p + "/members/01H/succession", """
                {"successorOdsCode":"QHM","successorName":"NHS North East and North Cumbria ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        if (!logFirst) {
            loadLog(api, p);
        }
        return pid;
    }

    /**
     * The log, and what is not in the imports: the CCG's delegation, its engagement lead's acceptance, and the
     * acute trust's finance lead relinquished before the trust merged (so the merger passes nothing on).
     */
    private static void loadLog(Api api, String p) {
        imports(api, p, "forums", FORUMS, false);
        imports(api, p, "decisions", DECISIONS, false);
        imports(api, p, "ratifications", RATIFICATIONS, false);
        JsonNode ids = imports(api, p, "accountabilities", ACCOUNTABILITIES, false).get("ids");
        api.ok("/api/accountabilities/" + ids.get(1).asText() + "/acceptance", "{\"on\":\"2016-05-20\"}");
        api.ok("/api/accountabilities/" + ids.get(0).asText() + "/relinquishment",
                "{\"on\":\"2019-06-30\",\"reason\":\"Director of Finance post deleted ahead of the merger\"}");
        api.ok(p + "/forums/0c9d7e1a-1111-4222-8333-944455566677/delegations", """
                {"fromOdsCode":"01H","themes":["FINANCE"],"effectiveFrom":"2017-04-01"}""");
    }

    /**
     * Every subject of the map on a day, by title: its holders (body, lineage, accepted) and gaps by kind. The two
     * partnerships' forums have the same id (one log): each map holds its own decisions only (a delegation once
     * refreshed the other partnership's decisions of that forum id into the map, seen here as a flaky decline).
     */
    private static java.util.Map<String, String> mapOn(Api api, String pid, String on) {
        java.util.Map<String, String> subjects = new java.util.TreeMap<>();
        JsonNode map = Scenario.readOk(api, "/api/partnerships/" + pid + "/accountability-map?limit=1000&on=" + on);
        for (JsonNode subject : map.get("subjects")) {
            StringBuilder entry = new StringBuilder();
            for (String role : List.of("accountable", "responsible", "consulted", "informed", "pending")) {
                for (JsonNode h : subject.get(role)) {
                    entry.append(role).append(' ').append(h.get("odsCode").asText()).append(' ')
                            .append(h.path("succeededFrom").asText("-")).append(' ')
                            .append(h.get("accepted").asBoolean()).append("; ");
                }
            }
            entry.append(new java.util.TreeSet<>(kinds(subject)));
            subjects.put(subject.get("subject").get("title").asText(), entry.toString());
        }
        return subjects;
    }

    /** Each forum's members on a day, by name, and the day those terms apply from. */
    private static java.util.Map<String, String> forumsOn(Api api, String pid, String on) {
        java.util.Map<String, String> forums = new java.util.TreeMap<>();
        for (JsonNode f : Scenario.readOk(api, "/api/partnerships/" + pid + "?on=" + on).get("forums")) {
            List<String> seats = new java.util.ArrayList<>();
            f.get("memberOdsCodes").forEach(seat -> seats.add(seat.asText()));
            forums.put(f.get("name").asText(), seats + " from " + f.path("termsOn").asText("establishment"));
        }
        return forums;
    }

    /**
     * Every decision by its reference (with {@code ?on=}, as it stood on a day): its status and each binding (body,
     * basis, day, lineage).
     */
    private static java.util.Map<String, String> decisions(Api api, String pid, String query) {
        java.util.Map<String, String> decisions = new java.util.TreeMap<>();
        for (JsonNode d : Scenario.readOk(api, "/api/partnerships/" + pid + "/decisions" + query)) {
            StringBuilder entry = new StringBuilder(d.get("status").asText());
            for (JsonNode b : d.get("bindings")) {
                entry.append("; ").append(b.get("odsCode").asText()).append(' ').append(b.get("basis").asText())
                        .append(' ').append(b.get("since").asText()).append(' ')
                        .append(b.path("succeededFrom").asText("-"));
            }
            decisions.put(d.get("reference").asText(), entry.toString());
        }
        return decisions;
    }

    /** The partnership's delegations today: body, themes, in force, lineage. */
    private static List<String> delegations(Api api, String pid) {
        List<String> delegations = new java.util.ArrayList<>();
        for (JsonNode d : Scenario.readOk(api, "/api/partnerships/" + pid).get("delegations")) {
            List<String> themes = new java.util.ArrayList<>();
            d.get("themes").forEach(theme -> themes.add(theme.asText()));
            delegations.add(d.get("fromOdsCode").asText() + " " + String.join(",", themes) + " "
                    + d.get("inForce").asBoolean() + " " + d.path("succeededFrom").asText("-"));
        }
        return delegations.stream().sorted().toList();
    }

    private static String decisionId(Api api, String p, String reference) {
        for (JsonNode d : Scenario.readOk(api, p + "/decisions")) {
            if (reference.equals(d.get("reference").asText())) {
                return d.get("id").asText();
            }
        }
        throw new AssertionError("no decision " + reference);
    }

    /** The theme's entry on the map on {@code on}. */
    private static JsonNode subject(Api api, String p, String on, String theme) {
        JsonNode map = Scenario.readOk(api, p + "/accountability-map?on=" + on + "&subjectType=THEME&theme=" + theme);
        for (JsonNode subject : map.get("subjects")) {
            if (subject.get("subject").get("ref").asText().equals(theme)) {
                return subject;
            }
        }
        throw new AssertionError("no " + theme + " on the map of " + on + ": " + map);
    }

    private static List<String> holders(JsonNode subject, String role) {
        return subject.get(role).findValuesAsText("odsCode");
    }

    private static List<String> kinds(JsonNode subject) {
        return subject.get("gaps").findValuesAsText("kind");
    }

    private static JsonNode imports(Api api, String p, String kind, String csv, boolean dryRun) {
        Api.Answer answer = api.post(p + "/imports/" + kind + (dryRun ? "?dryRun=true" : ""), "text/csv", csv);
        assertThat(answer.status()).as(kind + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }
}
