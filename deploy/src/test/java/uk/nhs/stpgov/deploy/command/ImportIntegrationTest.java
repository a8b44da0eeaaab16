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

    /**
     * A decision log listed newest first, a supersession before the decision it supersedes: the rows are recorded by
     * decidedOn (it was refused, "Decision … is not a decision of" the partnership, found by an outside check).
     */
    @Test
    void aFileListingASupersessionBeforeTheDecisionItSupersedesIsImported() {
        Scenario s = new Scenario(new Api(port), "import").leedsMembers();
        String older = java.util.UUID.randomUUID().toString();
        String newer = java.util.UUID.randomUUID().toString();
        Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/decisions", "text/csv", """
                id,reference,title,theme,decidingOdsCodes,outcome,rationale,decidedOn,supersedes
                %s,JC/2021/004,Leeds capital plan 2021/22,FINANCE,RR8 15F,APPROVED,Agreed,2021-03-01,%s
                %s,JC/2019/003,Leeds capital plan 2019/20,FINANCE,RR8 15F,APPROVED,Agreed,2019-06-01,
                """.formatted(newer, older, older));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("ids").get(0).asText()).as("in the file's order").isEqualTo(newer);
        JsonNode decisions = s.read("/api/partnerships/" + s.pid + "/decisions");
        assertThat(decisions.findValuesAsText("status")).containsExactly("ACTIVE", "SUPERSEDED");
    }

    /**
     * A minute book names the decision a row supersedes by its reference, recorded before or earlier in the file
     * (outside tester: the column took only an id, which a minute book does not have); a reference no decision has is
     * refused naming the column, and nothing of the file is written.
     */
    @Test
    void aSupersededDecisionIsNamedByItsReference() {
        Scenario s = new Scenario(new Api(port), "import-supersedes-ref").leedsMembers();
        String p = "/api/partnerships/" + s.pid + "/imports/decisions";
        assertThat(s.api().post(p, "text/csv", """
                reference,title,theme,decidingOdsCodes,outcome,decidedOn
                JC/2018/011,"Leeds capital plan, 2018/19",FINANCE,RR8 15F,APPROVED,2018-03-01
                """).status()).isEqualTo(200);
        EventStore store = new EventStore(dataSource);

        Api.Answer answer = s.api().post(p, "text/csv", """
                reference,title,theme,decidingOdsCodes,outcome,decidedOn,supersedes
                JC/2020/002,"Leeds capital plan, 2020/21",FINANCE,RR8 15F,APPROVED,2020-03-01,JC/2019/009
                JC/2019/009,"Leeds capital plan, 2019/20",FINANCE,RR8 15F,APPROVED,2019-03-01,JC/2018/011
                """);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode decisions = s.read("/api/partnerships/" + s.pid + "/decisions");
        assertThat(decisions.findValuesAsText("reference")).containsExactly("JC/2020/002", "JC/2019/009", "JC/2018/011");
        assertThat(decisions.findValuesAsText("status")).containsExactly("ACTIVE", "SUPERSEDED", "SUPERSEDED");
        assertThat(decisions.get(0).get("supersedes").asText()).isEqualTo(decisions.get(1).get("id").asText());
        assertThat(decisions.get(1).get("supersedes").asText()).isEqualTo(decisions.get(2).get("id").asText());
        assertThat(s.api().post(p, "text/csv", """
                reference,title,theme,decidingOdsCodes,outcome,decidedOn,supersedes
                JC/2020/002,"Leeds capital plan, 2020/21",FINANCE,RR8 15F,APPROVED,2020-03-01,JC/2019/009
                """).json().get("skipped").asInt()).as("imported again: the same decision").isEqualTo(1);

        long before = store.count();
        Api.Answer refused = s.api().post(p, "text/csv", """
                reference,title,theme,decidingOdsCodes,outcome,decidedOn,supersedes
                JC/2021/001,"Leeds capital plan, 2021/22",FINANCE,RR8 15F,APPROVED,2021-03-01,JC/1999/001
                """);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(columns(refused)).containsExactly("supersedes");
        assertThat(refused.json().get("errors").get(0).get("message").asText())
                .startsWith("No decision of " + s.pid + " has the reference JC/1999/001");
        assertThat(store.count()).isEqualTo(before);
    }

    /**
     * While an import runs, another request's command is judged on what is committed, not on the import's rows
     * (outside tester: during a dry run of a members file, withdrawals of bodies only the file admitted were written,
     * and the partnership's sequence numbers had holes once the dry run rolled back, which verification reports as
     * deleted events).
     */
    @Test
    void aCommandSentWhileAnImportRunsIsJudgedOnWhatIsCommitted() throws Exception {
        Scenario s = new Scenario(new Api(port), "import-isolated").leedsMembers();
        EventStore store = new EventStore(dataSource);
        StringBuilder file = new StringBuilder("odsCode,name,sector,statutory,joinedOn\n");
        for (int i = 1000; i < 2500; i++) {
            file.append("Q").append(i).append("X,\"Voluntary Action, branch ").append(i)
                    .append("\",VOLUNTARY_SECTOR,false,2016-04-01\n");
        }
        java.util.concurrent.CompletableFuture<Api.Answer> dryRun = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> s.api().post("/api/partnerships/" + s.pid + "/imports/members?dryRun=true", "text/csv",
                        file.toString()));
        Api other = new Api(port);
        java.util.List<Integer> answers = new java.util.ArrayList<>();
        while (!dryRun.isDone()) {
            answers.add(other.post("/api/partnerships/" + s.pid + "/members/Q1000X/withdrawal",
                    "{\"on\":\"2020-01-01\",\"reason\":\"Never a member\"}").status());
        }

        assertThat(dryRun.get().status()).as(dryRun.get().body()).isEqualTo(200);
        assertThat(answers).as("withdrawals sent while the dry run ran").hasSizeGreaterThan(3)
                .allMatch(status -> status >= 400 && status < 500);
        java.util.List<EventStore.StoredEvent> events = store.of(s.pid);
        assertThat(events).extracting(EventStore.StoredEvent::type).doesNotContain("MemberWithdrew");
        assertThat(events).extracting(EventStore.StoredEvent::sequenceNumber).as("no holes")
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, events.size()).boxed().toList());
    }

    /**
     * A file saved by a spreadsheet: empty columns after the data (a header ending ",,,") and rows of empty cells
     * below it are read as nothing (outside tester: refused in the CSV library's words); a value under a column with
     * no name is refused naming where, and nothing is written.
     */
    @Test
    void aSpreadsheetsEmptyColumnsAndRowsAreReadAsNothing() {
        Scenario s = new Scenario(new Api(port), "import-excel");
        String p = "/api/partnerships/" + s.pid + "/imports/members";
        Api.Answer answer = s.api().post(p, "text/csv", "\uFEFFodsCode,name,sector,statutory,joinedOn,,,\r\n"
                + "RWY,Calderdale and Huddersfield NHS Foundation Trust,FOUNDATION_TRUST,true,2016-04-01,,,\r\n"
                + "02T,\"NHS Calderdale CCG, Halifax\",CCG,true,2016-04-01,,,\r\n"
                + ",,,,,,,\r\n,,,,,,,\r\n");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("imported").asInt()).isEqualTo(2);

        EventStore store = new EventStore(dataSource);
        long before = store.count();
        Api.Answer refused = s.api().post(p, "text/csv", "odsCode,name,sector,statutory,joinedOn,,\n"
                + "RXF,Mid Yorkshire Hospitals NHS Trust,NHS_TRUST,true,2016-04-01,,see minutes\n");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(1);
        assertThat(error.get("column").asText()).isEqualTo("column 7");
        assertThat(error.get("message").asText()).contains("'see minutes'").contains("names no column");
        assertThat(store.count()).isEqualTo(before);
    }

    /** The five templates, imported in turn into a new partnership, are each valid; imported again, skipped. */
    @Test
    void theTemplatesImportInTurnIntoANewPartnership() {
        Scenario s = new Scenario(new Api(port), "import-templates");
        for (String kind : java.util.List.of("members", "forums", "decisions", "ratifications", "accountabilities")) {
            String template = s.api().get("/api/imports/" + kind + "/template.csv").body();
            Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/" + kind, "text/csv", template);
            assertThat(answer.status()).as(kind + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.json().get("imported").asInt()).as(kind).isEqualTo(1);
        }
        for (String kind : java.util.List.of("members", "forums", "decisions", "ratifications", "accountabilities")) {
            String template = s.api().get("/api/imports/" + kind + "/template.csv").body();
            Api.Answer again = s.api().post("/api/partnerships/" + s.pid + "/imports/" + kind, "text/csv", template);
            assertThat(again.status()).as(kind + ": " + again.body()).isEqualTo(200);
            assertThat(again.json().get("skipped").asInt()).as(kind).isEqualTo(1);
        }
    }

    /**
     * A dry run sends every row, so a rule is judged as the import itself would judge it, but its rolled-back
     * events draw no global index: each one drawn would stay a gap in every processor's tracking token.
     */
    @Test
    void aDryRunChecksEveryRuleButDrawsNoGlobalIndex() {
        Scenario s = new Scenario(new Api(port), "import-dry").leedsMembers();
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        long drawn = new EventStore(dataSource).lastIndexDrawn();
        String decisions = """
                reference,title,theme,decidingOdsCodes,outcome,rationale,decidedOn
                LHCP/2018/01,"Leeds Health and Care Plan, 2018 refresh",VISION,RR8 15F,APPROVED,Agreed,2018-05-01
                LHCP/2018/02,Leeds Community Healthcare's estates review,FINANCE,RR8,APPROVED,Agreed,2018-06-01
                """;

        Api.Answer dry = s.api().post("/api/partnerships/" + s.pid + "/imports/decisions?dryRun=true", "text/csv",
                decisions);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("imported").asInt()).isEqualTo(2);
        // Refused at its third row (the body was not a member on the day), after two rows were sent; the same file
        // imported for real is refused in its rehearsal, before any row is written.
        for (String dryRun : new String[]{"?dryRun=true", ""}) {
            Api.Answer refused = s.api().post("/api/partnerships/" + s.pid + "/imports/decisions" + dryRun, "text/csv",
                    decisions + "LHCP/2015/09,Before the partnership,VISION,RR8,APPROVED,Agreed,2015-09-01\n");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("detail").asText()).contains("Row 3");
        }

        assertThat(store.count()).isEqualTo(before);
        assertThat(new EventStore(dataSource).lastIndexDrawn()).as("indexes drawn by dry runs").isEqualTo(drawn);
        Api.Answer real = s.api().post("/api/partnerships/" + s.pid + "/imports/decisions", "text/csv", decisions);
        assertThat(real.status()).as(real.body()).isEqualTo(200);
        assertThat(new EventStore(dataSource).lastIndexDrawn()).isEqualTo(drawn + 2);
    }

    /**
     * An import into a partnership that does not exist is 404, as the JSON endpoints answer, for every kind, dry run
     * or not; it had answered 500 (members, forums: the failed row's savepoint could not be rolled back) or 409
     * (ratifications: "no decision has the reference").
     */
    @Test
    void anImportIntoAPartnershipThatDoesNotExistIsNotFoundAndWritesNothing() {
        Api api = new Api(port);
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        long drawn = store.lastIndexDrawn();
        for (String kind : java.util.List.of("members", "forums", "decisions", "ratifications", "accountabilities")) {
            String template = api.get("/api/imports/" + kind + "/template.csv").body();
            for (String dryRun : new String[]{"?dryRun=true", ""}) {
                Api.Answer answer = api.post("/api/partnerships/no-such-stp/imports/" + kind + dryRun, "text/csv",
                        template);
                assertThat(answer.status()).as(kind + dryRun + ": " + answer.body()).isEqualTo(404);
                assertThat(answer.isProblem()).as(kind + dryRun).isTrue();
                assertThat(answer.json().get("detail").asText()).as(kind + dryRun).contains("no-such-stp");
            }
        }
        assertThat(store.count()).isEqualTo(before);
        assertThat(store.lastIndexDrawn()).as("no index drawn").isEqualTo(drawn);
    }

    /**
     * A row refused by an aggregate read from the event store (not found in the cache) is a refusal of that row, and
     * the rows after it are judged: Axon's connection wrapper rolled back the whole JDBC transaction when the row's
     * command failed, under the row's savepoint, so rolling back to the savepoint failed and the import answered 500.
     */
    @Test
    void aRowRefusedByARecordReadFromTheStoreIsToldAndTheRowsAfterItAreJudged() {
        Scenario s = new Scenario(new Api(port), "import-cold").leedsMembers();
        EventStore store = new EventStore(dataSource);
        String path = "/api/partnerships/" + s.pid + "/imports/members";
        // A rehearsal empties the aggregate cache when it ends, so the partnership is read from the store next time.
        assertThat(s.api().post(path + "?dryRun=true", "text/csv",
                "odsCode,name,sector,joinedOn\nRAE,Bradford Teaching Hospitals NHS Foundation Trust,NHS_TRUST,2016-04-01\n")
                .status()).isEqualTo(200);
        long before = store.count();
        long drawn = store.lastIndexDrawn();
        String csv = """
                odsCode,name,sector,joinedOn
                RR8,Leeds Teaching Hospitals NHS Trust,NHS_TRUST,2018-01-01
                RAE,Bradford Teaching Hospitals NHS Foundation Trust,NHS_TRUST,2016-04-01
                15F,NHS Leeds CCG,CCG,2019-01-01
                """;
        for (String dryRun : new String[]{"?dryRun=true", ""}) {
            Api.Answer refused = s.api().post(path + dryRun, "text/csv", csv);
            assertThat(refused.status()).as(dryRun + refused.body()).isEqualTo(409);
            assertThat(refused.json().get("reason").asText()).isEqualTo("/problems/rule-violation");
            assertThat(refused.json().get("errors").findValuesAsText("row")).as("both refused rows are told")
                    .containsExactly("1", "3");
        }
        assertThat(store.count()).isEqualTo(before);
        assertThat(store.lastIndexDrawn()).isEqualTo(drawn);
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

    /** A row's id already names an accountability of another partnership: refused like the JSON endpoint. */
    @Test
    void anAccountabilityIdOfAnotherPartnershipIsRefusedAsADuplicateIdAndNothingIsWritten() {
        Scenario other = new Scenario(new Api(port), "import-other").leedsMembers();
        String taken = other.accountable("THEME", "FINANCE", "RESPONSIBLE", "RR8", "Director of Finance",
                java.time.LocalDate.parse("2019-04-01"), null, false);
        Scenario s = new Scenario(new Api(port), "import-mine").leedsMembers();
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        String csv = """
                id,subjectType,subjectRef,role,odsCode,post,effectiveFrom
                ,THEME,RISK,INFORMED,15F,Chief Finance Officer,2019-04-01
                %s,THEME,FINANCE,RESPONSIBLE,RR8,Director of Finance,2019-04-01
                """.formatted(taken);

        for (String dryRun : new String[]{"?dryRun=true", ""}) {
            Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/accountabilities" + dryRun,
                    "text/csv", csv);
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.json().get("reason").asText()).isEqualTo("/problems/duplicate-id");
            JsonNode error = answer.json().get("errors").get(0);
            assertThat(error.get("row").asInt()).isEqualTo(2);
            assertThat(error.get("column").asText()).isEqualTo("id");
            assertThat(answer.body()).as("another partnership's record is not described")
                    .doesNotContain(other.pid).doesNotContain("Director of Finance");
        }
        assertThat(store.count()).as("the first row was rolled back too").isEqualTo(before);
    }

    @Test
    void reimportingAnAccountabilitySkipsItButOtherCellsUnderItsIdAreRefused() {
        Scenario s = new Scenario(new Api(port), "import-again").leedsMembers();
        EventStore store = new EventStore(dataSource);
        String id = java.util.UUID.randomUUID().toString();
        String path = "/api/partnerships/" + s.pid + "/imports/accountabilities";
        String header = "id,subjectType,subjectRef,role,odsCode,post,personName,effectiveFrom,reviewBy\n";
        String row = id
                + ",THEME,FINANCE,ACCOUNTABLE,15F,Chief Finance Officer,Siobhan O'Neill,2019-04-01,2020-04-01\n";
        assertThat(s.api().post(path, "text/csv", header + row).json().get("imported").asInt()).isEqualTo(1);
        // Transferred since: a re-import of the file as it was still names the assignment as it was recorded.
        s.post("/api/accountabilities/" + id + "/transfer",
                "{\"odsCode\":\"RR8\",\"post\":\"Chief Executive\",\"on\":\"2019-09-01\"}");
        long before = store.count();

        Api.Answer again = s.api().post(path, "text/csv", header + row);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("imported").asInt()).isZero();
        assertThat(again.json().get("skipped").asInt()).isEqualTo(1);

        Api.Answer changed = s.api().post(path, "text/csv", header
                + ",THEME,RISK,INFORMED,RR8,Director of Nursing,,2019-04-01,\n"
                + row.replace("Chief Finance Officer", "Director of Finance").replace("2020-04-01", "2021-04-01"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(409);
        assertThat(changed.json().get("reason").asText()).isEqualTo("/problems/duplicate-id");
        assertThat(changed.json().get("detail").asText()).contains("Row 2").contains("post").contains("reviewBy");
        assertThat(columns(changed)).containsExactly("id", "post", "reviewBy");
        assertThat(changed.json().get("errors").get(1).get("message").asText())
                .isEqualTo("recorded as 'Chief Finance Officer', this row says 'Director of Finance'");
        assertThat(store.count()).isEqualTo(before);
    }

    /** Decisions: the same decision again is skipped; its id or reference with other cells, or elsewhere, refused. */
    @Test
    void aDecisionIdOrReferenceReusedWithOtherCellsIsRefusedNamingTheColumn() {
        Scenario other = new Scenario(new Api(port), "import-dother").leedsMembers();
        String elsewhere = other.decision("Elsewhere", "VISION", null, "[\"RR8\"]",
                java.time.LocalDate.parse("2019-02-01"), null);
        Scenario s = new Scenario(new Api(port), "import-dec").leedsMembers();
        EventStore store = new EventStore(dataSource);
        String path = "/api/partnerships/" + s.pid + "/imports/decisions";
        String id = java.util.UUID.randomUUID().toString();
        String csv = """
                id,reference,title,theme,decidingOdsCodes,positions,outcome,decidedOn
                %s,JC/2019/001,Adopt the plan,VISION,RR8 15F,RR8:SUPPORTS 15F:OPPOSES,APPROVED,2019-02-01
                """.formatted(id);
        assertThat(s.api().post(path, "text/csv", csv).json().get("imported").asInt()).isEqualTo(1);
        long before = store.count();
        assertThat(s.api().post(path, "text/csv", csv.replace("RR8 15F", "15F RR8")).json().get("skipped").asInt())
                .as("the same bodies in another order").isEqualTo(1);

        Api.Answer retitled = s.api().post(path, "text/csv", csv.replace("JC/2019/001,", ",")
                .replace("Adopt the plan", "Adopt the plan (amended)"));
        assertThat(retitled.status()).as(retitled.body()).isEqualTo(409);
        assertThat(retitled.json().get("reason").asText()).isEqualTo("/problems/duplicate-id");
        assertThat(columns(retitled)).containsExactly("id", "reference", "title");

        Api.Answer sameReference = s.api().post(path, "text/csv", csv.replace(id + ",", ",")
                .replace("15F:OPPOSES", "15F:ABSTAINS"));
        assertThat(sameReference.status()).as(sameReference.body()).isEqualTo(409);
        assertThat(sameReference.json().get("reason").asText()).isEqualTo("/problems/rule-violation");
        assertThat(columns(sameReference)).containsExactly("reference", "positions");

        Api.Answer otherPartnerships = s.api().post(path, "text/csv", csv.replace(id, elsewhere)
                .replace("JC/2019/001", "JC/2019/002"));
        assertThat(otherPartnerships.status()).as(otherPartnerships.body()).isEqualTo(409);
        assertThat(otherPartnerships.json().get("reason").asText()).isEqualTo("/problems/duplicate-id");
        assertThat(columns(otherPartnerships)).containsExactly("id");
        assertThat(store.count()).isEqualTo(before);
    }

    /** Members, forums and ratifications: the same row again is skipped; the same key with other cells refused. */
    @Test
    void membersForumsAndRatificationsReusedWithOtherCellsAreRefusedNamingTheColumns() {
        Scenario s = new Scenario(new Api(port), "import-keys").leedsMembers();
        EventStore store = new EventStore(dataSource);
        String p = "/api/partnerships/" + s.pid + "/imports/";
        String forum = java.util.UUID.randomUUID().toString();
        String forums = """
                id,name,kind,memberOdsCodes,themes,establishedOn
                %s,Leeds Committees in Common,COMMITTEES_IN_COMMON,RR8 15F,FINANCE RISK,2017-01-01
                """.formatted(forum);
        String ratifications = """
                decisionReference,odsCode,ratifiedOn
                JC/2019/007,15F,2019-03-01
                """;
        assertThat(s.api().post(p + "forums", "text/csv", forums).json().get("imported").asInt()).isEqualTo(1);
        assertThat(s.api().post(p + "decisions", "text/csv", """
                reference,title,theme,decidingOdsCodes,outcome,decidedOn
                JC/2019/007,Pool the budgets,FINANCE,RR8 15F,APPROVED,2019-02-01
                """).status()).isEqualTo(200);
        assertThat(s.api().post(p + "ratifications", "text/csv", ratifications).json().get("imported").asInt())
                .isEqualTo(1);
        long before = store.count();

        String members = "odsCode,name,sector,statutory,joinedOn\n15F,NHS Leeds CCG,CCG,,2016-04-01\n";
        assertThat(s.api().post(p + "members", "text/csv", members).json().get("skipped").asInt()).isEqualTo(1);
        assertThat(s.api().post(p + "forums", "text/csv", forums).json().get("skipped").asInt()).isEqualTo(1);
        assertThat(s.api().post(p + "ratifications", "text/csv", ratifications).json().get("skipped").asInt())
                .isEqualTo(1);

        Api.Answer member = s.api().post(p + "members", "text/csv",
                members.replace("NHS Leeds CCG,CCG,", "NHS Leeds Clinical Commissioning Group,CCG,false"));
        assertThat(member.status()).as(member.body()).isEqualTo(409);
        assertThat(columns(member)).containsExactly("name", "statutory");
        Api.Answer renamed = s.api().post(p + "forums", "text/csv", forums.replace("RR8 15F", "RR8 15F E08000035"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(409);
        assertThat(columns(renamed)).containsExactly("id", "memberOdsCodes");
        Api.Answer redated = s.api().post(p + "ratifications", "text/csv", ratifications.replace("03-01", "03-02"));
        assertThat(redated.status()).as(redated.body()).isEqualTo(409);
        assertThat(columns(redated)).containsExactly("ratifiedOn");
        assertThat(redated.json().get("detail").asText()).contains("15F has already answered");
        assertThat(store.count()).isEqualTo(before);
    }

    /** Excel's plain "CSV" is Windows-1252: its bytes are refused, never stored as replacement characters. */
    @Test
    void aFileThatIsNotUtf8IsRefusedNamingWhereAndNothingIsWritten() {
        Scenario s = new Scenario(new Api(port), "import-1252").leedsMembers();
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        String csv = """
                title,theme,decidingOdsCodes,outcome,rationale,decidedOn
                Adopt the plan,VISION,RR8,APPROVED,"Agreed, after a vote",2019-02-01
                Adopt the plan \u2013 phase 2,VISION,RR8,APPROVED,Council\u2019s view: m\u00e1s tarde,2019-03-01
                """;
        byte[] windows1252 = csv.getBytes(java.nio.charset.Charset.forName("windows-1252"));
        String path = "/api/partnerships/" + s.pid + "/imports/decisions";

        for (String dryRun : new String[]{"?dryRun=true", ""}) {
            Api.Answer answer = s.api().post(path + dryRun, "text/csv", windows1252);
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().get("detail").asText()).contains("not UTF-8").contains("CSV UTF-8")
                    .contains("row 2, column title").contains("0x96");
            JsonNode error = answer.json().get("errors").get(0);
            assertThat(error.get("row").asInt()).isEqualTo(2);
            assertThat(error.get("column").asText()).isEqualTo("title");
        }
        assertThat(store.count()).isEqualTo(before);

        byte[] excelUtf8 = ("\uFEFF" + csv).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Api.Answer utf8 = s.api().post(path, "text/csv", excelUtf8);
        assertThat(utf8.status()).as(utf8.body()).isEqualTo(200);
        JsonNode second = store.of(utf8.json().get("ids").get(1).asText()).get(0).payload();
        assertThat(second.get("title").asText()).isEqualTo("Adopt the plan \u2013 phase 2");
        assertThat(second.get("rationale").asText()).isEqualTo("Council\u2019s view: m\u00e1s tarde");
    }

    /** A misspelt or unknown column would have its values dropped and a default used: refused, naming it. */
    @Test
    void aHeaderNamingColumnsTheImportDoesNotReadIsRefusedListingTheTemplatesHeader() {
        Scenario s = new Scenario(new Api(port), "import-cols");
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        String template = s.api().get("/api/imports/members/template.csv").body().lines().findFirst().orElseThrow();
        String csv = """
                odsCode,name,sector,Statutory,joinedOn,colour
                RR8,Leeds Teaching Hospitals NHS Trust,NHS_TRUST,false,2016-04-01,blue
                """;

        for (String dryRun : new String[]{"?dryRun=true", ""}) {
            Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/members" + dryRun, "text/csv",
                    csv);
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(columns(answer)).containsExactly("Statutory", "colour");
            assertThat(answer.json().get("errors").get(0).get("row").asInt()).isZero();
            assertThat(answer.json().get("errors").get(0).get("message").asText()).contains("'statutory'");
            assertThat(answer.json().get("expectedHeader").asText()).isEqualTo(template);
            assertThat(answer.json().get("detail").asText()).contains("Statutory").contains("colour")
                    .contains(template);
        }
        assertThat(store.count()).isEqualTo(before);

        // Every import reads exactly its template's columns.
        for (String kind : java.util.List.of("members", "forums", "decisions", "ratifications", "accountabilities")) {
            String header = s.api().get("/api/imports/" + kind + "/template.csv").body().lines().findFirst()
                    .orElseThrow();
            Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/" + kind + "?dryRun=true",
                    "text/csv", header + ",extra\n");
            assertThat(columns(answer)).as(kind + ": " + answer.body()).containsExactly("extra");
        }
    }

    /**
     * Every refused row is told, each with the column it is about: a body that was not a member names odsCode, a
     * second ACCOUNTABLE holder names role (each had column null, and only the first refused row was told). The
     * rows after a refused one are still judged, in the dry run and in the real import's rehearsal alike.
     */
    @Test
    void everyRefusedRowIsToldWithTheColumnItIsAboutAndNothingIsWritten() {
        Scenario s = new Scenario(new Api(port), "import-refusals").leedsMembers();
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        long drawn = new EventStore(dataSource).lastIndexDrawn();
        String csv = """
                subjectType,subjectRef,role,odsCode,post,personName,effectiveFrom
                THEME,FINANCE,ACCOUNTABLE,15F,Chief Finance Officer,Siobhan O'Neill,2019-04-01
                THEME,FINANCE,RESPONSIBLE,RXF,"Chief Executive, Mid Yorkshire",Martin Barkley,2019-04-01
                THEME,FINANCE,ACCOUNTABLE,RR8,"Director of Finance, LTHT",,2019-04-01
                THEME,RISK,RESPONSIBLE,E08000035,Director of Public Health,,2019-04-01
                """;

        for (String dryRun : new String[]{"?dryRun=true", ""}) {
            Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/accountabilities" + dryRun,
                    "text/csv", csv);
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.isProblem()).isTrue();
            JsonNode errors = answer.json().get("errors");
            assertThat(errors.findValuesAsText("row")).containsExactly("2", "3");
            assertThat(columns(answer)).containsExactly("odsCode", "role");
            assertThat(errors.get(0).get("message").asText()).startsWith("RXF was not a member");
            assertThat(errors.get(1).get("message").asText()).contains("already has an ACCOUNTABLE holder");
            assertThat(errors.findValuesAsText("reason")).containsOnly("/problems/rule-violation");
            assertThat(answer.json().get("detail").asText()).startsWith("Rows 2 and 3 were refused")
                    .contains("nothing was imported").contains("RXF");
        }
        assertThat(store.count()).isEqualTo(before);
        assertThat(new EventStore(dataSource).lastIndexDrawn()).as("the real import was refused in its rehearsal").isEqualTo(drawn);
    }

    /** A ratification naming a reference no decision has names decisionReference; a body that does not decide it, odsCode. */
    @Test
    void everyRefusedRatificationIsToldWithItsColumn() {
        Scenario s = new Scenario(new Api(port), "import-rat-refusals").leedsMembers();
        String p = "/api/partnerships/" + s.pid + "/imports/";
        assertThat(s.api().post(p + "decisions", "text/csv", """
                reference,title,theme,decidingOdsCodes,outcome,decidedOn
                JC/2019/007,"Pool the budgets, 2019/20",FINANCE,RR8 15F,APPROVED,2019-02-01
                """).status()).isEqualTo(200);
        EventStore store = new EventStore(dataSource);
        long before = store.count();

        Api.Answer answer = s.api().post(p + "ratifications?dryRun=true", "text/csv", """
                decisionReference,odsCode,ratifiedOn
                NOPE/1,RR8,2019-03-01
                JC/2019/007,15F,2019-03-01
                JC/2019/007,E08000035,2019-03-01
                """);

        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        JsonNode errors = answer.json().get("errors");
        assertThat(errors.findValuesAsText("row")).containsExactly("1", "3");
        assertThat(columns(answer)).containsExactly("decisionReference", "odsCode");
        assertThat(errors.get(1).get("message").asText()).startsWith("E08000035 is not a deciding body");
        assertThat(store.count()).isEqualTo(before);
    }

    /**
     * A row whose decisionId and decisionReference name two decisions is refused, naming the reference (outside
     * tester): the id had won unsaid, ratifying JC/2018/001 while the row said JC/2018/002.
     */
    @Test
    void aRatificationRowNamingTwoDecisionsIsRefused() {
        Scenario s = new Scenario(new Api(port), "import-rat-two").leedsMembers();
        String p = "/api/partnerships/" + s.pid + "/imports/";
        assertThat(s.api().post(p + "decisions", "text/csv", """
                reference,title,theme,decidingOdsCodes,outcome,decidedOn
                JC/2018/001,"Pool the budgets, 2018/19",FINANCE,RR8 15F,APPROVED,2018-02-01
                JC/2018/002,Leeds' urgent care review,RISK,RR8 15F,APPROVED,2018-03-01
                """).status()).isEqualTo(200);
        JsonNode decisions = s.read("/api/partnerships/" + s.pid + "/decisions");
        String first = java.util.stream.StreamSupport.stream(decisions.spliterator(), false)
                .filter(d -> d.get("reference").asText().equals("JC/2018/001")).findFirst().orElseThrow()
                .get("id").asText();
        EventStore store = new EventStore(dataSource);
        long before = store.count();

        for (String mode : java.util.List.of("?dryRun=true", "")) {
            Api.Answer answer = s.api().post(p + "ratifications" + mode, "text/csv", """
                    decisionId,decisionReference,odsCode,ratifiedOn
                    %s,JC/2018/002,15F,2018-04-01
                    """.formatted(first));
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(columns(answer)).containsExactly("decisionReference");
            assertThat(answer.json().get("errors").get(0).get("message").asText())
                    .startsWith("Reference JC/2018/002 names decision").contains(first);
        }
        assertThat(store.count()).isEqualTo(before);
    }

    /** A cell that cannot be read (a date, true or false) hid the row's other errors: all are told now. */
    @Test
    void everyCellErrorOfEveryRowIsTold() {
        Scenario s = new Scenario(new Api(port), "import-cells");
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/members", "text/csv", """
                odsCode,name,sector,statutory,joinedOn
                RR8,Leeds Teaching Hospitals NHS Trust,NHS_TRUST,true,2016-04-01
                rgd,"Leeds and York Partnership NHS Foundation Trust",FOUNDATION_TRUST,true,2016-02-30
                15F,,CCG,maybe,2016-04-01
                """);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        JsonNode errors = answer.json().get("errors");
        java.util.List<String> cells = new java.util.ArrayList<>();
        errors.forEach(e -> cells.add(e.get("row").asInt() + ":" + e.get("column").asText()));
        assertThat(cells).containsExactlyInAnyOrder("2:odsCode", "2:joinedOn", "3:name", "3:statutory");
        assertThat(store.count()).isEqualTo(before);
    }

    /** A quoted cell never closed: answered naming where it opens, without the CSV library's exception. */
    @Test
    void aQuotedCellNeverClosedIsToldByRowAndColumn() {
        Scenario s = new Scenario(new Api(port), "import-quote");
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        for (String dryRun : new String[]{"?dryRun=true", ""}) {
            Api.Answer answer = s.api().post("/api/partnerships/" + s.pid + "/imports/members" + dryRun, "text/csv", """
                    odsCode,name,sector,statutory,joinedOn
                    RR8,Leeds Teaching Hospitals NHS Trust,NHS_TRUST,true,2016-04-01
                    RAX,"Kingston Hospital NHS Foundation Trust,FOUNDATION_TRUST,true,2016-03-01
                    """);
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().get("detail").asText()).contains("row 2, column name").contains("never closed");
            assertThat(answer.body()).doesNotContain("org.apache").doesNotContain("Exception")
                    .doesNotContain("EOF");
            JsonNode error = answer.json().get("errors").get(0);
            assertThat(error.get("row").asInt()).isEqualTo(2);
            assertThat(error.get("column").asText()).isEqualTo("name");
        }
        assertThat(store.count()).isEqualTo(before);
    }

    private static java.util.List<String> columns(Api.Answer answer) {
        return answer.json().get("errors").findValuesAsText("column");
    }
}
