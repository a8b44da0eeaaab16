package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AcceptAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AssignAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.TransferAccountability;
import uk.nhs.stpgov.command.decision.DecisionCommands.RatifyDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RecordDecision;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AdmitMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RegisterPartnership;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.MoveServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.ProposeServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.RecordAssuranceTest;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.SubjectType;
import uk.nhs.stpgov.events.ThemeCode;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large partnership (hundreds of subjects, about 5,000 events) still answers its map quickly. A sanity bound
 * only: the measured figures belong to the benchmarks module.
 */
@IntegrationTest
class LargePartnershipIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    DataSource dataSource;

    @Test
    void theMapOfALargePartnershipAnswersWellUnderASecond() throws Exception {
        String pid = "large-" + UUID.randomUUID().toString().substring(0, 8);
        commands.sendAndWait(new RegisterPartnership(pid, "Greater Manchester Health and Social Care Partnership", "North West"));
        List<String> members = IntStream.range(0, 12).mapToObj(i -> "R" + (char) ('A' + i) + "M").toList();
        for (String ods : members) {
            commands.sendAndWait(new AdmitMember(pid, ods, "Trust " + ods, Sector.NHS_TRUST, true, LocalDate.of(2016, 4, 1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            work.add(pool.submit(() -> serviceChangeWithAssurance(pid, members.get(n % members.size()), n)));
        }
        for (int i = 0; i < 300; i++) {
            int n = i;
            work.add(pool.submit(() -> decisionWithAccountability(pid, members, n)));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
        var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        long events = jdbc
                .sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? OR convert_from(payload, 'UTF8') LIKE ?")
                .params(pid, "%" + pid + "%").query(Long.class).single();
        assertThat(events).isGreaterThanOrEqualTo(5_000);

        // The commands went through the gateway, not HTTP: their position is the newest stored event.
        Api api = new Api(port).after(jdbc.sql("SELECT max(globalindex) FROM domainevententry").query(Long.class).single());
        JsonNode settled = Scenario.readOk(api, "/api/partnerships/" + pid + "/accountability-map");
        assertThat(settled.get("subjects")).hasSize(10 + 200 + 300);
        assertThat(settled.toString().split("\"accepted\":true", -1).length - 1).isEqualTo(500);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            JsonNode map = api.get("/api/partnerships/" + pid + "/accountability-map").json();
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(map.get("subjects").size()).isEqualTo(510);
        }
        millis.sort(null);
        assertThat(millis.get(millis.size() / 2)).as("median map time, ms, of " + millis).isLessThan(1_000);
    }

    private void serviceChangeWithAssurance(String pid, String lead, int n) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new ProposeServiceChange(id, pid, "Service change " + n, ServiceChangeKind.CLOSURE,
                Set.of(ThemeCode.ENGAGEMENT, ThemeCode.FINANCE), lead, "Consolidation of site " + n, true,
                LocalDate.of(2019, 1, 1)));
        for (AssuranceTest test : AssuranceTest.values()) {
            commands.sendAndWait(new RecordAssuranceTest(id, test, AssuranceResult.MET, "Evidence " + n,
                    LocalDate.of(2019, 2, 1), "NHS England regional team"));
        }
        for (Stage stage : List.of(Stage.ENGAGEMENT, Stage.CONSULTATION, Stage.DECIDED, Stage.IMPLEMENTING)) {
            commands.sendAndWait(new MoveServiceChange(id, stage, null));
        }
        String accountability = UUID.randomUUID().toString();
        commands.sendAndWait(new AssignAccountability(accountability, pid, new Subject(SubjectType.SERVICE_CHANGE, id),
                RaciRole.ACCOUNTABLE, lead, "Director of Strategy", null, LocalDate.of(2019, 1, 1), null, false));
        commands.sendAndWait(new AcceptAccountability(accountability, LocalDate.of(2019, 1, 2)));
        commands.sendAndWait(new AssignAccountability(UUID.randomUUID().toString(), pid,
                new Subject(SubjectType.SERVICE_CHANGE, id), RaciRole.CONSULTED, lead, "Healthwatch lead", null,
                LocalDate.of(2019, 1, 1), null, false));
    }

    private void decisionWithAccountability(String pid, List<String> members, int n) {
        String id = UUID.randomUUID().toString();
        List<String> deciding = List.of(members.get(n % members.size()), members.get((n + 1) % members.size()));
        commands.sendAndWait(new RecordDecision(id, pid, "Decision " + n, ThemeCode.values()[n % 10], null, null,
                deciding, DecisionOutcome.APPROVED, "Rationale " + n, LocalDate.of(2019, 1, 1).plusDays(n), null));
        for (String ods : deciding) {
            commands.sendAndWait(new RatifyDecision(id, ods, LocalDate.of(2019, 3, 1).plusDays(n)));
        }
        String accountability = UUID.randomUUID().toString();
        commands.sendAndWait(new AssignAccountability(accountability, pid, new Subject(SubjectType.DECISION, id),
                RaciRole.ACCOUNTABLE, deciding.get(0), "Chief Executive", null, LocalDate.of(2019, 2, 1), null, false));
        commands.sendAndWait(new AcceptAccountability(accountability, LocalDate.of(2019, 2, 2)));
        commands.sendAndWait(new TransferAccountability(accountability, deciding.get(1), "Deputy Chief Executive",
                "Jo O'Brien", LocalDate.of(2019, 9, 1)));
        commands.sendAndWait(new AcceptAccountability(accountability, LocalDate.of(2019, 9, 2)));
        commands.sendAndWait(new AssignAccountability(UUID.randomUUID().toString(), pid,
                new Subject(SubjectType.DECISION, id), RaciRole.RESPONSIBLE, deciding.get(1), "Programme Director",
                null, LocalDate.of(2019, 2, 1), null, false));
        commands.sendAndWait(new AssignAccountability(UUID.randomUUID().toString(), pid,
                new Subject(SubjectType.DECISION, id), RaciRole.INFORMED, deciding.get(1), "Board Secretary",
                null, LocalDate.of(2019, 2, 1), null, false));
    }
}
