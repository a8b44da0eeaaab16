package uk.nhs.stpgov.deploy.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.EventStore.StoredEvent;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command endpoint of DESIGN §4, through HTTP, checked against what lands in the event store. */
@IntegrationTest
class CommandApiIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    Api api;
    EventStore store;
    String pid;

    @BeforeEach
    void partnershipWithMembers() {
        api = new Api(port);
        store = new EventStore(dataSource);
        pid = "cumbria-" + UUID.randomUUID().toString().substring(0, 8);
        api.ok("/api/partnerships", """
                {"id":"%s","name":"North Cumbria Health & Care","region":"North East and Cumbria"}""".formatted(pid));
        api.ok(members(), member("RNN", "North Cumbria Integrated Care NHS Foundation Trust", "FOUNDATION_TRUST"));
        api.ok(members(), member("01H", "NHS North Cumbria CCG", "CCG"));
        api.ok(members(), member("16C", "Cumbria County Council", "LOCAL_AUTHORITY"));
        api.ok(members(), member("Y02617", "Cumbria Health On Call, GPs' Federation", "GP_FEDERATION"));
    }

    private String members() {
        return "/api/partnerships/" + pid + "/members";
    }

    private static String member(String ods, String name, String sector) {
        return """
                {"odsCode":"%s","name":"%s","sector":"%s","joinedOn":"2016-03-01"}""".formatted(ods, name, sector);
    }

    @Test
    void registeringAPartnershipAndAdmittingMembersWritesTheirEvents() {
        Api.Answer created = api.post("/api/partnerships", """
                {"id":"%s-2","name":"Cheshire and Merseyside","region":"North West"}""".formatted(pid));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/api/partnerships/" + pid + "-2");
        assertThat(created.json().get("id").asText()).isEqualTo(pid + "-2");

        List<StoredEvent> events = store.of(pid);
        assertThat(events).extracting(StoredEvent::type).containsExactly("PartnershipRegistered",
                "MemberAdmitted", "MemberAdmitted", "MemberAdmitted", "MemberAdmitted");
        assertThat(events.get(0).payload().get("name").asText()).isEqualTo("North Cumbria Health & Care");
        JsonNode federation = events.get(4).payload();
        assertThat(federation.get("name").asText()).isEqualTo("Cumbria Health On Call, GPs' Federation");
        assertThat(federation.get("statutory").asBoolean()).as("GP federations are not statutory").isFalse();
        assertThat(events.get(1).payload().get("statutory").asBoolean()).as("trusts are statutory").isTrue();
    }

    @Test
    void everyEventCarriesActorCorrelationIdempotencyKeyAndHash() {
        Api.Answer answer = api.with("Idempotency-Key", "withdraw-16c-1").with("X-Correlation-Id", "corr-42")
                .with("X-Actor", "mallory")
                .post(members() + "/16C/withdrawal", """
                        {"on":"2019-04-01","reason":"Council left the partnership"}""");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("id").asText()).isEqualTo("16C");

        StoredEvent withdrawal = store.of(pid).get(5);
        assertThat(withdrawal.type()).isEqualTo("MemberWithdrew");
        assertThat(withdrawal.payload().get("partnershipId").asText()).isEqualTo(pid);
        assertThat(withdrawal.metadata().get("actor").asText()).as("the authenticated user; X-Actor means nothing")
                .isEqualTo("admin");
        assertThat(withdrawal.metadata().get("correlationId").asText()).isEqualTo("corr-42");
        assertThat(withdrawal.metadata().get("idempotencyKey").asText()).isEqualTo("withdraw-16c-1");
        assertThat(withdrawal.metadata().get("hash").asText()).matches("[0-9a-f]{64}");
    }

    /**
     * Without X-Correlation-Id, every command one request sends shares one correlationId (outside tester: an import's
     * rows and a succession's passing-on each had their own, so an auditor could not see what one request wrote).
     */
    @Test
    void theCommandsOfOneRequestShareItsCorrelationId() {
        Api.Answer imported = api.post("/api/partnerships/" + pid + "/imports/members", "text/csv", """
                odsCode,name,sector,joinedOn
                RNL,North Cumbria University Hospitals NHS Trust,NHS_TRUST,2016-04-01
                E10000006,Cumbria County Council's Public Health,LOCAL_AUTHORITY,2016-04-01
                """);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        api.ok(members() + "/01H/succession", """
                {"successorOdsCode":"QHM","successorName":"NHS North East and North Cumbria ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");

        List<StoredEvent> events = store.of(pid);
        java.util.function.Function<String, String> correlation = type -> events.stream()
                .filter(e -> e.type().equals(type)).map(e -> e.metadata().get("correlationId").asText())
                .distinct().collect(java.util.stream.Collectors.joining(","));
        List<String> admissions = events.stream().filter(e -> e.type().equals("MemberAdmitted"))
                .map(e -> e.metadata().get("correlationId").asText()).toList();
        assertThat(admissions.subList(4, 6)).as("the import's two rows").containsOnly(admissions.get(4));
        assertThat(admissions.get(3)).as("another request").isNotEqualTo(admissions.get(4));
        assertThat(correlation.apply("MemberSucceeded")).isNotEqualTo(admissions.get(4)).doesNotContain(",");
    }

    @Test
    void forumsAndDelegationsAreEstablishedAndRevoked() {
        String forumId = UUID.randomUUID().toString();
        Api.Answer forum = api.post("/api/partnerships/" + pid + "/forums", """
                {"id":"%s","name":"Joint Committee of the CCG and Trust","kind":"JOINT_COMMITTEE",
                 "memberOdsCodes":["RNN","01H"],"themes":["DECISIONS","FINANCE"]}""".formatted(forumId));
        assertThat(forum.status()).isEqualTo(201);
        assertThat(forum.location()).isEqualTo("/api/partnerships/" + pid + "/forums/" + forumId);

        Api.Answer delegation = api.post("/api/partnerships/" + pid + "/forums/" + forumId + "/delegations", """
                {"fromOdsCode":"01H","themes":["FINANCE"],"effectiveFrom":"2017-04-01","effectiveTo":"2019-03-31"}""");
        assertThat(delegation.status()).isEqualTo(201);
        String delegationId = delegation.json().get("id").asText();
        assertThat(delegation.location()).endsWith("/delegations/" + delegationId);

        Api.Answer revocation = api.post("/api/partnerships/" + pid + "/forums/" + forumId + "/delegations/"
                + delegationId + "/revocation", """
                {"on":"2018-04-01","reason":"Replaced by committees in common"}""");
        assertThat(revocation.status()).isEqualTo(200);
        assertThat(revocation.json().get("id").asText()).isEqualTo(delegationId);

        assertThat(store.typesOf(pid)).endsWith("ForumEstablished", "AuthorityDelegated", "DelegationRevoked");
        StoredEvent delegated = store.of(pid).get(6);
        assertThat(delegated.payload().get("themes").toString()).isEqualTo("[\"FINANCE\"]");
        assertThat(delegated.payload().get("effectiveTo").asText()).isEqualTo("2019-03-31");
    }

    @Test
    void aServiceChangeMovesThroughItsLifecycleWithAssurance() {
        Api.Answer proposed = api.post("/api/partnerships/" + pid + "/service-changes", """
                {"title":"Consolidate consultant-led maternity at Cumberland Infirmary","kind":"RECONFIGURATION","substantial":false,
                 "themes":["ENGAGEMENT","ASSURANCE"],"leadOdsCode":"RNN","description":"Option 1 of 'Healthcare for the Future'"}""");
        assertThat(proposed.status()).isEqualTo(201);
        String sid = proposed.json().get("id").asText();
        assertThat(proposed.location()).isEqualTo("/api/service-changes/" + sid);

        Api.Answer test = api.post("/api/service-changes/" + sid + "/assurance-tests", """
                {"test":"PUBLIC_ENGAGEMENT","result":"MET","evidence":"14-week consultation, 2016","assessedOn":"2016-12-07",
                 "assessor":"NHS England (North)"}""");
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json().get("id").asText()).isEqualTo(sid);
        for (String stage : List.of("ENGAGEMENT", "CONSULTATION", "DECIDED", "IMPLEMENTING", "COMPLETED")) {
            Api.Answer moved = api.post("/api/service-changes/" + sid + "/stage", """
                    {"stage":"%s","note":"board of 2017"}""".formatted(stage));
            assertThat(moved.status()).as(stage).isEqualTo(200);
        }
        assertThat(store.typesOf(sid)).containsExactly("ServiceChangeProposed", "AssuranceTestRecorded",
                "ServiceChangeAdvanced", "ServiceChangeAdvanced", "ServiceChangeAdvanced", "ServiceChangeAdvanced",
                "ServiceChangeAdvanced");
        assertThat(store.of(sid).get(6).payload().get("to").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void decisionsAreRecordedRatifiedSupersededAndRescinded() {
        String first = api.id("/api/partnerships/" + pid + "/decisions", """
                {"title":"Agree the 2017/18 system control total","theme":"FINANCE","decidingOdsCodes":["RNN","01H"],
                 "outcome":"APPROVED","rationale":"Within the STP financial envelope","decidedOn":"2017-03-30"}""");
        Api.Answer ratified = api.post("/api/decisions/" + first + "/ratifications", """
                {"odsCode":"01H","ratifiedOn":"2017-04-12"}""");
        assertThat(ratified.status()).isEqualTo(200);

        Api.Answer second = api.post("/api/partnerships/" + pid + "/decisions", """
                {"title":"Revised control total","theme":"FINANCE","decidingOdsCodes":["RNN","01H"],
                 "outcome":"APPROVED","rationale":"Winter pressures","decidedOn":"2017-10-05","supersedes":"%s"}"""
                .formatted(first));
        assertThat(second.status()).isEqualTo(201);
        String secondId = second.json().get("id").asText();
        assertThat(second.location()).isEqualTo("/api/decisions/" + secondId);

        Api.Answer rescinded = api.post("/api/decisions/" + secondId + "/rescission", """
                {"reason":"Overtaken by the 2018/19 planning guidance","on":"2018-02-01"}""");
        assertThat(rescinded.status()).isEqualTo(200);

        assertThat(store.typesOf(first)).containsExactly("DecisionRecorded", "DecisionRatified", "DecisionSuperseded");
        assertThat(store.of(first).get(2).payload().get("supersededBy").asText()).isEqualTo(secondId);
        assertThat(store.typesOf(secondId)).containsExactly("DecisionRecorded", "DecisionRescinded");
        assertThat(store.of(secondId).get(0).payload().get("supersedes").asText()).isEqualTo(first);
    }

    @Test
    void accountabilitiesAreAssignedAcceptedTransferredAndRelinquished() {
        Api.Answer assigned = api.post("/api/partnerships/" + pid + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"RNN",
                 "post":"Director of Finance","personName":"Siobhan O'Neill","effectiveFrom":"2017-04-01",
                 "reviewBy":"2018-04-01"}""");
        assertThat(assigned.status()).isEqualTo(201);
        String aid = assigned.json().get("id").asText();
        assertThat(assigned.location()).isEqualTo("/api/accountabilities/" + aid);

        assertThat(api.post("/api/accountabilities/" + aid + "/acceptance", """
                {"on":"2017-04-03"}""").status()).isEqualTo(200);
        assertThat(api.post("/api/accountabilities/" + aid + "/transfer", """
                {"odsCode":"01H","post":"Chief Finance Officer","personName":"Dr Amir Khan","on":"2018-01-01"}""")
                .status()).isEqualTo(200);
        assertThat(api.post("/api/accountabilities/" + aid + "/relinquishment", """
                {"on":"2019-03-31","reason":"CCG merged"}""").status()).isEqualTo(200);

        List<StoredEvent> events = store.of(aid);
        assertThat(events).extracting(StoredEvent::type).containsExactly("AccountabilityAssigned",
                "AccountabilityAccepted", "AccountabilityTransferred", "AccountabilityRelinquished");
        assertThat(events.get(0).payload().get("personName").asText()).isEqualTo("Siobhan O'Neill");
        assertThat(events.get(0).payload().get("themes").toString()).isEqualTo("[\"FINANCE\"]");
        assertThat(events.get(2).payload().get("fromOdsCode").asText()).isEqualTo("RNN");
    }

    @Test
    void aSecondAccountableIsRefusedNamingTheHolderUnlessJoint() {
        api.ok("/api/partnerships/" + pid + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"RISK"},"role":"ACCOUNTABLE","odsCode":"RNN",
                 "post":"Medical Director","effectiveFrom":"2017-04-01"}""");
        long before = store.count();
        Api.Answer refused = api.post("/api/partnerships/" + pid + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"RISK"},"role":"ACCOUNTABLE","odsCode":"01H",
                 "post":"Chief Officer","effectiveFrom":"2017-04-01"}""");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asText()).contains("RNN").contains("Medical Director");
        assertThat(store.count()).isEqualTo(before);

        Api.Answer joint = api.post("/api/partnerships/" + pid + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"RISK"},"role":"ACCOUNTABLE","odsCode":"01H",
                 "post":"Chief Officer","effectiveFrom":"2017-04-01","joint":true}""");
        assertThat(joint.status()).isEqualTo(201);
        assertThat(store.of(joint.json().get("id").asText()).get(0).payload().get("joint").asBoolean()).isTrue();
    }

    @Test
    void themeAssessmentsAndConfidenceAreRecorded() {
        Api.Answer assessed = api.post("/api/partnerships/" + pid + "/theme-assessments", """
                {"theme":"DECISIONS","rating":"DEVELOPING","assessedOn":"2018-06-30",
                 "answers":{"DECISIONS-1":"Yes, in the decision log","DECISIONS-3":"Not yet: boards lag by 2 months"}}""");
        assertThat(assessed.status()).isEqualTo(200);
        assertThat(assessed.json().get("id").asText()).isNotBlank();
        Api.Answer confidence = api.post("/api/partnerships/" + pid + "/confidence", """
                {"question":"How confident are you in the partnership's governance?","respondentOdsCode":"RNN","on":"2018-06-30",
                 "respondentRole":"Director of Finance","level":"LOW","reason":"No agreed risk share"}""");
        assertThat(confidence.status()).isEqualTo(200);

        List<StoredEvent> events = store.of(pid + ":assessments");
        assertThat(events).extracting(StoredEvent::type).containsExactly("ThemeAssessed", "ConfidenceRecorded");
        assertThat(events.get(0).payload().get("answers").get(1).get("answer").asText())
                .isEqualTo("Not yet: boards lag by 2 months");
        assertThat(events.get(0).payload().get("answers").get(1).get("question").asText()).as("the text as asked")
                .isNotBlank();
        assertThat(events.get(1).payload().get("respondentOdsCode").asText()).isEqualTo("RNN");
        assertThat(events.get(1).payload().get("recordedOn").asText()).isEqualTo("2018-06-30");

        // And the read side shows what they meant: each answer with its question as asked, the confidence question
        // and the respondent's organisation (the events kept them, the answers did not).
        JsonNode read = api.get("/api/partnerships/" + pid + "/assessments?minPosition="
                + confidence.header("X-Event-Position")).json();
        JsonNode decisions = java.util.stream.StreamSupport.stream(read.get("themes").spliterator(), false)
                .filter(t -> t.get("theme").asText().equals("DECISIONS")).findFirst().orElseThrow();
        JsonNode questions = decisions.get("history").get(0).get("questions");
        assertThat(questions.get(1).get("questionId").asText()).isEqualTo("DECISIONS-3");
        assertThat(questions.get(1).get("question").asText())
                .isEqualTo(events.get(0).payload().get("answers").get(1).get("question").asText());
        assertThat(questions.get(1).get("answer").asText()).isEqualTo("Not yet: boards lag by 2 months");
        JsonNode barometer = read.get("confidence").get(0);
        assertThat(barometer.get("question").asText()).isEqualTo("How confident are you in the partnership's governance?");
        assertThat(barometer.get("respondentOdsCode").asText()).isEqualTo("RNN");
    }
}
