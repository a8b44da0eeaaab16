package uk.nhs.stpgov.deploy.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV imports: every row valid or nothing written; errors name the row and the column. */
@IntegrationTest
class ImportIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @Test
    void decisionsAreImportedTogether() {
        Scenario s = new Scenario(new Api(port), "import").leedsMembers();
        EventStore store = new EventStore(dataSource);
        Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/decisions", "text/csv", """
                title,theme,decidingOdsCodes,outcome,rationale,decidedOn
                "Adopt the Leeds Left Shift, phase 1",VISION,RR8 15F,APPROVED,"Board agreed; see ""Leeds Plan""\",2019-02-01
                Council's pooled budget,FINANCE,E08000035,APPROVED,,2019-03-01
                """);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode imported = answer.json();
        assertThat(imported.get("imported").asInt()).isEqualTo(2);
        String first = imported.get("ids").get(0).asText();
        assertThat(store.of(first).get(0).payload().get("title").asText()).isEqualTo("Adopt the Leeds Left Shift, phase 1");
        assertThat(store.of(first).get(0).payload().get("rationale").asText()).isEqualTo("Board agreed; see \"Leeds Plan\"");
        assertThat(store.of(first).get(0).payload().get("decidingOdsCodes").toString()).isEqualTo("[\"RR8\",\"15F\"]");
        assertThat(store.of(imported.get("ids").get(1).asText()).get(0).payload().get("title").asText())
                .isEqualTo("Council's pooled budget");
    }

    @Test
    void invalidCellsAreAllReportedByRowAndColumnAndNothingIsWritten() {
        Scenario s = new Scenario(new Api(port), "import-bad").leedsMembers();
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/decisions", "text/csv", """
                title,theme,decidingOdsCodes,outcome,decidedOn
                Fine,VISION,RR8,APPROVED,2019-02-01
                Bad theme,MONEY,RR8,APPROVED,2019-02-01
                Bad date,VISION,rr8,APPROVED,01/02/2019
                """);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        JsonNode errors = answer.json().get("errors");
        assertThat(errors.toString()).contains("\"row\":2,\"column\":\"theme\"").contains("\"row\":3,\"column\":\"decidedOn\"");
        assertThat(store.count()).isEqualTo(before);

        Api.Answer noColumns = s.api().post("/api/partnerships/" + s.pid + "/imports/decisions", "text/csv", "name\nx\n");
        assertThat(noColumns.status()).isEqualTo(400);
        assertThat(noColumns.json().get("errors").get(0).get("column").asText()).contains("title");

        Api.Answer empty = s.api().post("/api/partnerships/" + s.pid + "/imports/members", "text/csv", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.isProblem()).isTrue();
        assertThat(empty.json().get("detail").asText()).as("not a JSON complaint").contains("CSV");
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void aRuleBrokenInALaterRowWritesNothingFromEarlierRows() {
        Scenario s = new Scenario(new Api(port), "import-rule").leedsMembers();
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/accountabilities", "text/csv", """
                subjectType,subjectRef,role,odsCode,post,personName,effectiveFrom,reviewBy,joint
                THEME,FINANCE,ACCOUNTABLE,15F,Chief Finance Officer,Siobhan O'Neill,2019-04-01,2020-04-01,
                THEME,FINANCE,RESPONSIBLE,RR8,"Director of Finance, LTHT",,2019-04-01,,
                THEME,FINANCE,ACCOUNTABLE,RR8,Chief Executive,,2019-04-01,,false
                """);
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.json().get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(answer.json().get("detail").asText()).contains("15F");
        assertThat(store.count()).as("the first two rows were rolled back too").isEqualTo(before);

        Api.Answer retried = s.api().post("/api/partnerships/" + s.pid + "/imports/accountabilities", "text/csv", """
                subjectType,subjectRef,role,odsCode,post,effectiveFrom
                THEME,FINANCE,ACCOUNTABLE,15F,Chief Finance Officer,2019-04-01
                THEME,FINANCE,RESPONSIBLE,RR8,"Director of Finance, LTHT",2019-04-01
                """);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(Long.parseLong(retried.header("X-Event-Position"))).as("an import answers its event position")
                .isGreaterThanOrEqualTo(store.of(retried.json().get("ids").get(1).asText()).get(0).globalIndex());
        assertThat(s.read("/api/partnerships/" + s.pid + "/accountability-map").toString())
                .contains("Director of Finance, LTHT").contains("15F");
    }
}
