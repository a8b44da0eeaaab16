package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;
import uk.nhs.stpgov.events.assessment.ConfidenceRecorded;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written by the tracker before issue 11 (schema V1..V12, revision-1 payloads exactly as the old records
 * serialised them, with main's registry rows) is opened by today's tracker: V30 backfills the dated registry from the
 * stored events, every changed type is read through its upcaster, aggregates load from old rows and take new
 * commands, a succession carries over what the old rows recorded, V101 knows the acts they record, and V103 the
 * delegations.
 */
class OldRevisionStoreIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P = "old-store";
    private static final String FORUM = "0c9d7e1a-1111-4222-8333-944455566677";
    private static final String DELEGATION = "9f5b0a4c-5555-4666-8777-d88899900011";
    private static final String CHANGE = "5b2e7c1d-2222-4333-8444-a55566677788";
    private static final String DECISION = "6f1c2a8e-8a3b-4c43-9a53-1d2a3b4c5d6e";
    private static final String ACCOUNTABILITY = "a1b2c3d4-6666-4777-8888-e99900011122";
    private static final String EVENTS = "uk.nhs.stpgov.events.";

    /** Payloads as serialised by shared-events at main 590bb7c (revision 1), ids adapted to this store. */
    private static final List<String[]> OLD_ROWS = List.of(
            row(P, "Partnership", "2016-03-01T09:00:00Z", "partnership.PartnershipRegistered",
                    "{\"partnershipId\":\"old-store\",\"name\":\"North Cumbria Health & Care\",\"region\":\"North East and Cumbria\"}"),
            row(P, "Partnership", "2016-03-01T09:01:00Z", "partnership.MemberAdmitted",
                    "{\"partnershipId\":\"old-store\",\"odsCode\":\"RNN\",\"name\":\"Cumbria Partnership NHS FT\",\"sector\":\"FOUNDATION_TRUST\",\"statutory\":true,\"joinedOn\":\"2016-03-01\"}"),
            row(P, "Partnership", "2016-03-01T09:02:00Z", "partnership.MemberAdmitted",
                    "{\"partnershipId\":\"old-store\",\"odsCode\":\"01H\",\"name\":\"NHS North Cumbria CCG\",\"sector\":\"CCG\",\"statutory\":true,\"joinedOn\":\"2016-03-01\"}"),
            row(P, "Partnership", "2016-03-01T09:03:00Z", "partnership.MemberAdmitted",
                    "{\"partnershipId\":\"old-store\",\"odsCode\":\"16C\",\"name\":\"Cumbria County Council\",\"sector\":\"LOCAL_AUTHORITY\",\"statutory\":true,\"joinedOn\":\"2016-03-01\"}"),
            row(P, "Partnership", "2016-05-05T10:00:00Z", "partnership.ForumEstablished",
                    "{\"partnershipId\":\"old-store\",\"forumId\":\"" + FORUM + "\",\"name\":\"North Cumbria Joint Committee\",\"kind\":\"JOINT_COMMITTEE\",\"memberOdsCodes\":[\"RNN\",\"01H\",\"16C\"],\"themes\":[\"DECISIONS\",\"FINANCE\"]}"),
            row(P, "Partnership", "2017-04-01T10:00:00Z", "partnership.AuthorityDelegated",
                    "{\"partnershipId\":\"old-store\",\"forumId\":\"" + FORUM + "\",\"delegationId\":\"" + DELEGATION + "\",\"fromOdsCode\":\"01H\",\"themes\":[\"FINANCE\"],\"effectiveFrom\":\"2017-04-01\",\"effectiveTo\":null}"),
            row(P, "Partnership", "2018-05-01T10:00:00Z", "assessment.ThemeAssessed",
                    "{\"partnershipId\":\"old-store\",\"assessmentId\":\"7d3f8e2a-3333-4444-8555-b66677788899\",\"theme\":\"FINANCE\",\"rating\":\"DEVELOPING\",\"answers\":{\"FINANCE-1\":\"A shared control total since 2017\",\"FINANCE-2\":\"Not yet\"},\"assessedOn\":\"2018-05-01\"}"),
            row(P, "Partnership", "2018-06-01T10:00:00Z", "assessment.ConfidenceRecorded",
                    "{\"partnershipId\":\"old-store\",\"assessmentId\":\"8e4a9f3b-4444-4555-8666-c77788899900\",\"respondentRole\":\"Director of Finance\",\"level\":\"LOW\",\"reason\":\"No agreed risk share yet\",\"recordedOn\":\"2018-06-01\"}"),
            row(CHANGE, "ServiceChange", "2016-09-19T10:00:00Z", "servicechange.ServiceChangeProposed",
                    "{\"serviceChangeId\":\"" + CHANGE + "\",\"partnershipId\":\"old-store\",\"title\":\"Consultant-led maternity at West Cumberland Hospital\",\"kind\":\"RECONFIGURATION\",\"themes\":[\"ENGAGEMENT\"],\"leadOdsCode\":\"RNN\",\"description\":\"Option 1\"}"),
            // 23:30 UTC on 30 June 2017 is already 1 July in London (BST).
            row(CHANGE, "ServiceChange", "2017-06-30T23:30:00Z", "servicechange.AssuranceTestRecorded",
                    "{\"serviceChangeId\":\"" + CHANGE + "\",\"partnershipId\":\"old-store\",\"themes\":[\"ENGAGEMENT\"],\"test\":\"PUBLIC_ENGAGEMENT\",\"result\":\"MET\",\"evidence\":\"14-week public consultation\"}"),
            row(DECISION, "Decision", "2017-03-30T15:00:00Z", "decision.DecisionRecorded",
                    "{\"decisionId\":\"" + DECISION + "\",\"partnershipId\":\"old-store\",\"title\":\"Agree the system control total for 2017/18\",\"theme\":\"FINANCE\",\"forumId\":\"" + FORUM + "\",\"serviceChangeId\":null,\"decidingOdsCodes\":[\"RNN\",\"01H\"],\"outcome\":\"APPROVED\",\"rationale\":\"Within the financial envelope\",\"decidedOn\":\"2017-03-30\",\"supersedes\":null}"),
            row(DECISION, "Decision", "2017-04-12T10:00:00Z", "decision.DecisionRatified",
                    "{\"decisionId\":\"" + DECISION + "\",\"partnershipId\":\"old-store\",\"theme\":\"FINANCE\",\"odsCode\":\"RNN\",\"ratifiedOn\":\"2017-04-12\"}"),
            row(ACCOUNTABILITY, "Accountability", "2017-04-01T10:00:00Z", "accountability.AccountabilityAssigned",
                    "{\"accountabilityId\":\"" + ACCOUNTABILITY + "\",\"partnershipId\":\"old-store\",\"subject\":{\"type\":\"THEME\",\"ref\":\"FINANCE\"},\"themes\":[\"FINANCE\"],\"role\":\"ACCOUNTABLE\",\"odsCode\":\"RNN\",\"post\":\"Director of Finance\",\"personName\":null,\"effectiveFrom\":\"2017-04-01\",\"reviewBy\":null,\"joint\":false}"),
            row(ACCOUNTABILITY, "Accountability", "2019-04-01T10:00:00Z", "accountability.AccountabilityTransferred",
                    "{\"accountabilityId\":\"" + ACCOUNTABILITY + "\",\"partnershipId\":\"old-store\",\"subject\":{\"type\":\"THEME\",\"ref\":\"FINANCE\"},\"themes\":[\"FINANCE\"],\"role\":\"ACCOUNTABLE\",\"fromOdsCode\":\"RNN\",\"fromPost\":\"Director of Finance\",\"odsCode\":\"01H\",\"post\":\"Chief Finance Officer\",\"personName\":null,\"on\":\"2019-04-01\"}"));

    private static String[] row(String aggregate, String type, String timestamp, String payloadType, String payload) {
        return new String[]{aggregate, type, timestamp, EVENTS + payloadType, payload};
    }

    @Test
    void anOldStoreIsUpcastBackfilledAndCarriesOn() throws Exception {
        TestDatabases.Database database = TestDatabases.fresh();
        writeOldStore(database);

        try (RunningApp app = RunningApp.on(database)) {
            upcastPayloadsAreTheNewRevisions(app);
            Api api = app.api();

            // Aggregates load from old rows and take new commands.
            assertThat(api.post("/api/service-changes/" + CHANGE + "/stage", "{\"stage\":\"ENGAGEMENT\"}").status())
                    .isEqualTo(200);
            // The dated registry was backfilled: a 2017 decision by the CCG is judged on 2017's membership.
            assertThat(api.post("/api/partnerships/" + P + "/decisions", """
                    {"title":"Back-loaded","theme":"FINANCE","decidingOdsCodes":["01H"],"outcome":"NOTED",
                     "decidedOn":"2017-06-01","reference":"JC/2017/011"}""").status()).isEqualTo(201);

            // V101 backfilled the acts that name a member on a day: the revision-1 transfer to the CCG on 2019-04-01
            // stops its withdrawal the day before.
            Api.Answer withdrawal = api.post("/api/partnerships/" + P + "/members/01H/withdrawal",
                    "{\"on\":\"2019-03-31\",\"reason\":\"Back-dated\"}");
            assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(409);
            assertThat(withdrawal.json().get("detail").asText()).contains("01H is named as a member on 2019-04-01 by "
                    + "accountability " + ACCOUNTABILITY + ", transferred to it that day");

            // A succession carries over what the old rows recorded.
            assertThat(api.post("/api/partnerships/" + P + "/members/01H/succession", """
                    {"successorOdsCode":"QHM","successorName":"NHS North East and North Cumbria ICB","sector":"ICB",
                     "on":"2022-07-01","reason":"Health and Care Act 2022"}""").status()).isEqualTo(200);
            EventStore store = new EventStore(app.bean(DataSource.class));
            assertThat(store.typesOf(P)).endsWith("MemberSucceeded", "ForumTermsChanged", "DelegationRevoked",
                    "AuthorityDelegated");
            JsonNode carried = store.of(P).get(store.of(P).size() - 1).payload();
            assertThat(carried.get("fromOdsCode").asText()).isEqualTo("QHM");
            assertThat(carried.get("succeededFrom").asText()).isEqualTo("01H");
            assertThat(carried.get("previousDelegationId").asText()).isEqualTo(DELEGATION);
            JsonNode transfer = store.of(ACCOUNTABILITY).get(2).payload();
            assertThat(transfer.get("odsCode").asText()).isEqualTo("QHM");
            assertThat(transfer.get("post").asText()).isEqualTo("Chief Finance Officer");
            assertThat(transfer.get("succeededFrom").asText()).isEqualTo("01H");
            assertThat(store.typesOf(DECISION)).endsWith("DecisionRatifierSucceeded");
            assertThat(api.post("/api/decisions/" + DECISION + "/ratifications",
                    "{\"odsCode\":\"QHM\",\"ratifiedOn\":\"2022-08-01\"}").status()).isEqualTo(200);
            assertThat(api.post("/api/decisions/" + DECISION + "/ratifications",
                    "{\"odsCode\":\"01H\",\"ratifiedOn\":\"2022-06-01\"}").status())
                    .as("the predecessor's ratification has passed on").isEqualTo(409);
            // V103 backfilled the revision-1 delegation: a 2018 decision of its forum, back-loaded now, binds the CCG
            // by it, so the succession passes nothing on and the CCG owes no ratification.
            String bound = api.id("/api/partnerships/" + P + "/decisions", """
                    {"title":"Back-loaded 2018 budget","theme":"FINANCE","forumId":"%s","decidingOdsCodes":["01H","RNN"],
                     "outcome":"APPROVED","decidedOn":"2018-03-29","reference":"JC/2018/004"}""".formatted(FORUM));
            assertThat(store.typesOf(bound)).containsExactly("DecisionRecorded");
            Api.Answer boundAnswer = api.post("/api/decisions/" + bound + "/ratifications",
                    "{\"odsCode\":\"01H\",\"ratifiedOn\":\"2018-04-10\"}");
            assertThat(boundAnswer.status()).as(boundAnswer.body()).isEqualTo(409);
            assertThat(boundAnswer.json().get("detail").asText()).contains("01H owes no ratification");

            // The forum on a day, from its revision-1 row (V94's backfill and the projection both write its rows): terms
            // recorded without a date count from any day, until the succession's terms.
            JsonNode forum = api.get("/api/partnerships/" + P + "?on=2016-01-01").json().get("forums").get(0);
            assertThat(forum.get("memberOdsCodes").toString()).isEqualTo("[\"RNN\",\"01H\",\"16C\"]");
            assertThat(forum.get("termsOn").isNull()).isTrue();
            JsonNode seatPassed = api.get("/api/partnerships/" + P + "?on=2022-07-01").json().get("forums").get(0);
            assertThat(seatPassed.get("memberOdsCodes").toString()).isEqualTo("[\"RNN\",\"QHM\",\"16C\"]");
            assertThat(seatPassed.get("termsOn").asText()).isEqualTo("2022-07-01");
        }
    }

    private static void upcastPayloadsAreTheNewRevisions(RunningApp app) {
        org.axonframework.eventsourcing.eventstore.EventStore events =
                app.bean(org.axonframework.eventsourcing.eventstore.EventStore.class);
        Map<Class<?>, Object> read = List.of(P, CHANGE, DECISION, ACCOUNTABILITY).stream()
                .flatMap(id -> events.readEvents(id).asStream())
                .map(DomainEventMessage::getPayload)
                .collect(Collectors.toMap(Object::getClass, Function.identity(), (a, b) -> b));

        DecisionRecorded decision = (DecisionRecorded) read.get(DecisionRecorded.class);
        assertThat(decision.reference()).isNull();
        assertThat(decision.positions()).isEmpty();
        assertThat(decision.decidingOdsCodes()).containsExactly("RNN", "01H");

        ServiceChangeProposed proposed = (ServiceChangeProposed) read.get(ServiceChangeProposed.class);
        assertThat(proposed.substantial()).as("RECONFIGURATION's default").isTrue();
        assertThat(proposed.proposedOn()).isNull();

        AssuranceTestRecorded test = (AssuranceTestRecorded) read.get(AssuranceTestRecorded.class);
        assertThat(test.assessedOn()).as("the London day it was recorded").isEqualTo(LocalDate.of(2017, 7, 1));
        assertThat(test.assessor()).isNull();

        ThemeAssessed assessed = (ThemeAssessed) read.get(ThemeAssessed.class);
        assertThat(assessed.answers()).extracting(ThemeAssessed.Answer::questionId).containsExactly("FINANCE-1",
                "FINANCE-2");
        assertThat(assessed.answers().get(0).question()).as("the configured text").startsWith("Is there");
        assertThat(assessed.answers().get(1).answer()).isEqualTo("Not yet");

        ConfidenceRecorded confidence = (ConfidenceRecorded) read.get(ConfidenceRecorded.class);
        assertThat(confidence.question()).isNull();
        assertThat(confidence.respondentOdsCode()).isNull();
        assertThat(confidence.recordedOn()).isEqualTo(LocalDate.of(2018, 6, 1));

        assertThat(((ForumEstablished) read.get(ForumEstablished.class)).establishedOn()).isNull();
        AuthorityDelegated delegated = (AuthorityDelegated) read.get(AuthorityDelegated.class);
        assertThat(delegated.succeededFrom()).isNull();
        assertThat(delegated.fromOdsCode()).isEqualTo("01H");
        AccountabilityTransferred transferred = (AccountabilityTransferred) read.get(AccountabilityTransferred.class);
        assertThat(transferred.succeededFrom()).isNull();
        assertThat(transferred.odsCode()).isEqualTo("01H");
    }

    /** The schema as main left it (V1..V12), its rows, and main's registry rows for them. */
    private static void writeOldStore(TestDatabases.Database database) {
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").target("12").load().migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.user(),
                database.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Map<String, Integer> sequences = new java.util.HashMap<>();
        for (String[] r : OLD_ROWS) {
            int seq = sequences.merge(r[0], 1, Integer::sum) - 1;
            jdbc.sql("INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, "
                            + "timestamp, payloadtype, payloadrevision, payload, metadata) VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?)")
                    .params(UUID.randomUUID().toString(), r[0], seq, r[1], r[2], r[3],
                            r[4].getBytes(StandardCharsets.UTF_8),
                            "{\"actor\":\"office-nc\"}".getBytes(StandardCharsets.UTF_8))
                    .update();
        }
        jdbc.sql("INSERT INTO cmd_partnership VALUES (?)").param(P).update();
        for (String ods : List.of("RNN", "01H", "16C")) {
            jdbc.sql("INSERT INTO cmd_member VALUES (?, ?, true, true)").params(P, ods).update();
        }
        jdbc.sql("INSERT INTO cmd_forum VALUES (?, ?)").params(P, FORUM).update();
        jdbc.sql("INSERT INTO cmd_subject VALUES ('SERVICE_CHANGE', ?, ?, 'ENGAGEMENT', NULL)").params(CHANGE, P).update();
        jdbc.sql("INSERT INTO cmd_subject VALUES ('DECISION', ?, ?, 'FINANCE', 'ACTIVE')").params(DECISION, P).update();
        jdbc.sql("INSERT INTO cmd_accountable VALUES (?, ?, 'THEME', 'FINANCE', '01H', 'Chief Finance Officer', NULL)")
                .params(ACCOUNTABILITY, P).update();
        jdbc.sql("INSERT INTO cmd_accountability VALUES (?, ?)").params(ACCOUNTABILITY, P).update();
    }
}
