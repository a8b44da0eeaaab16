package uk.nhs.stpgov.command.web;

import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.command.common.DuplicateId;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The CSV import's own rules, without a database: how a row that names a stored record is judged. */
class CsvImportTest {

    @Test
    void aRowThatSaysWhatWasRecordedDiffersInNothing() {
        CsvImport.Differences same = new CsvImport.Differences()
                .cell("post", "Director of Finance", "Director of Finance")
                .cell("reviewBy", null, null)
                .cell("decidingOdsCodes", Set.of("RR8", "15F"), Set.of("15F", "RR8"));
        assertThat(same.none()).isTrue();
    }

    @Test
    void aRowThatSaysOtherwiseIsRefusedNamingItsIdAndThenEachDifferingCell() {
        CsvImport.Differences differences = new CsvImport.Differences()
                .cell("post", "Chief Finance Officer", "Director of Finance")
                .cell("odsCode", "15F", "15F")
                .cell("reviewBy", LocalDate.parse("2020-04-01"), null);
        assertThat(differences.none()).isFalse();
        assertThat(differences.columns()).isEqualTo("post, reviewBy");

        CsvImport.RowRefused refused = differences.refuse(new DuplicateId("taken"), "id", "already taken");

        assertThat(refused.getCause()).isInstanceOf(DuplicateId.class);
        List<Map<String, Object>> errors = refused.errors(3, "detail");
        assertThat(errors).extracting(e -> e.get("column")).containsExactly("id", "post", "reviewBy");
        assertThat(errors).extracting(e -> e.get("row")).containsOnly(3L);
        assertThat(errors.get(1).get("message"))
                .isEqualTo("recorded as 'Chief Finance Officer', this row says 'Director of Finance'");
        assertThat(errors.get(2).get("message")).isEqualTo("recorded as '2020-04-01', this row says nothing");
    }

    @Test
    void aRefusalWithoutCellsIsSaidOfTheRow() {
        CsvImport.RowRefused refused = new CsvImport.RowRefused(new DuplicateId("taken"), Map.of());
        assertThat(refused.errors(2, "A record with this id already exists"))
                .containsExactly(Map.of("row", 2L, "message", "A record with this id already exists"));
    }

    @Test
    void utf8IsReadAndItsByteOrderMarkDropped() throws Exception {
        byte[] excel = "\uFEFFtitle,rationale\nPlan \u2013 phase 1,M\u00e1s tarde\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CsvImport.utf8(excel)).isEqualTo("title,rationale\nPlan \u2013 phase 1,M\u00e1s tarde\n");
    }

    @Test
    void aByteThatIsNotUtf8IsRefusedNamingItsRowAndColumn() {
        String csv = "title,rationale\r\n\r\n\"Plan, \"\"one\"\"\nin two lines\",ok\r\nPlan,Council\u2019s view\n";
        byte[] windows1252 = csv.getBytes(Charset.forName("windows-1252"));

        CsvImport.NotUtf8 refused = catchThrowableOfType(CsvImport.NotUtf8.class, () -> CsvImport.utf8(windows1252));

        assertThat(refused.getMessage()).contains("row 2, column rationale").contains("0x92").contains("CSV UTF-8");
        assertThat(refused.error()).containsEntry("row", 2L).containsEntry("column", "rationale");
    }

    @Test
    void aByteThatIsNotUtf8InTheHeaderIsRow0() {
        byte[] header = "title,d\u00e9cision\n".getBytes(Charset.forName("windows-1252"));
        CsvImport.NotUtf8 refused = catchThrowableOfType(CsvImport.NotUtf8.class, () -> CsvImport.utf8(header));
        assertThat(refused.error()).containsEntry("row", 0L).containsEntry("column", "column 2");
        assertThat(refused.getMessage()).contains("the header row").contains("0xE9");
    }

    @Test
    void aCharacterCutShortAtTheEndIsNotUtf8() {
        byte[] cut = Arrays.copyOf("title\nPlan \u2013".getBytes(StandardCharsets.UTF_8), 13);
        assertThat(catchThrowableOfType(CsvImport.NotUtf8.class, () -> CsvImport.utf8(cut)).error())
                .containsEntry("row", 1L).containsEntry("column", "title");
    }

    @Test
    void aColumnTheImportDoesNotReadIsNamedWithTheColumnItWasMeantToBe() {
        List<Map<String, Object>> errors = CsvImport.unknownColumns(
                List.of("odsCode", "name", "sector", "Statutory", "joinedOn", "colour"), ImportKind.MEMBERS);

        assertThat(errors).extracting(e -> e.get("column")).containsExactly("Statutory", "colour");
        assertThat(errors).extracting(e -> e.get("row")).containsOnly(0L);
        assertThat((String) errors.get(0).get("message")).contains("did you mean 'statutory'")
                .contains("odsCode,name,sector,statutory,joinedOn");
        assertThat((String) errors.get(1).get("message")).doesNotContain("did you mean");
    }

    @Test
    void everyTemplateColumnIsKnownAndEveryRequiredColumnIsInTheTemplate() {
        for (ImportKind kind : ImportKind.values()) {
            assertThat(CsvImport.unknownColumns(kind.columns(), kind)).as(kind.path()).isEmpty();
            assertThat(kind.columns()).as(kind.path()).containsAll(kind.required());
            assertThat(kind.template().lines().toList()).as(kind.path()).hasSize(2).first().isEqualTo(kind.header());
        }
    }

    /** The members import's request, as its controller reads a row (the controller's own record is private). */
    record Member(@jakarta.validation.constraints.NotBlank
                  @jakarta.validation.constraints.Pattern(regexp = Patterns.ODS_CODE) String odsCode,
                  @jakarta.validation.constraints.NotBlank String name,
                  @jakarta.validation.constraints.NotNull Boolean statutory,
                  @jakarta.validation.constraints.NotNull LocalDate joinedOn) {
    }

    private static CsvImport withoutStore() {
        RefusalProblems problems = new RefusalProblems() {
            @Override
            public org.springframework.http.ProblemDetail of(org.springframework.http.HttpStatus status, String type,
                                                             String title, String detail) {
                org.springframework.http.ProblemDetail problem =
                        org.springframework.http.ProblemDetail.forStatusAndDetail(status, detail);
                problem.setTitle(title);
                return problem;
            }

            @Override
            public org.springframework.http.ProblemDetail problemFor(Throwable failure) {
                throw new AssertionError("no row is sent", failure);
            }
        };
        // Every partnership exists; nothing else is asked, as no row is sent.
        uk.nhs.stpgov.command.registry.GovernanceRegistry registry =
                (uk.nhs.stpgov.command.registry.GovernanceRegistry) java.lang.reflect.Proxy.newProxyInstance(
                        CsvImportTest.class.getClassLoader(),
                        new Class<?>[]{uk.nhs.stpgov.command.registry.GovernanceRegistry.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("partnershipExists")) {
                                return true;
                            }
                            if (method.isDefault()) {
                                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                            }
                            throw new AssertionError("no row is sent");
                        });
        return new CsvImport(jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator(), null,
                null, null, problems, registry);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errorsOf(org.springframework.http.ResponseEntity<?> answer) {
        return (List<Map<String, Object>>) ((org.springframework.http.ProblemDetail) answer.getBody())
                .getProperties().get("errors");
    }

    private static org.springframework.http.ResponseEntity<?> importMembers(String csv) {
        return withoutStore().run("E54000005", csv.getBytes(StandardCharsets.UTF_8), true, ImportKind.MEMBERS,
                row -> new Member(row.text("odsCode"), row.text("name"), row.bool("statutory"), row.date("joinedOn")),
                member -> {
                    throw new AssertionError("an invalid file is never sent");
                });
    }

    /** A cell that cannot be read no longer hides the row's other errors (only joinedOn, only statutory were told). */
    @Test
    void everyCellErrorOfEveryRowIsToldNotOnlyTheUnreadableCell() {
        org.springframework.http.ResponseEntity<?> answer = importMembers("""
                odsCode,name,sector,statutory,joinedOn
                RAX,Kingston Hospital NHS Foundation Trust,FOUNDATION_TRUST,true,2016-03-01
                rvr1,Bad code,NHS_TRUST,true,2016-02-30
                08K,,CCG,maybe,2016-03-01
                """);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        List<Map<String, Object>> errors = errorsOf(answer);
        assertThat(errors).extracting(e -> e.get("row") + ":" + e.get("column"))
                .containsExactlyInAnyOrder("2:joinedOn", "2:odsCode", "3:statutory", "3:name");
        assertThat(errors).as("a cell that could not be read is not also said to be missing")
                .noneMatch(e -> "joinedOn".equals(e.get("column")) && "must not be null".equals(e.get("message")));
    }

    @Test
    void aQuotedCellNeverClosedIsToldByItsRowAndColumnWithoutTheParsersWords() {
        org.springframework.http.ResponseEntity<?> answer = importMembers("""
                odsCode,name,sector,statutory,joinedOn
                RR8,Leeds Teaching Hospitals NHS Trust,NHS_TRUST,true,2016-04-01
                RAX,"Kingston,FOUNDATION_TRUST,true,2016-03-01
                """);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        org.springframework.http.ProblemDetail problem = (org.springframework.http.ProblemDetail) answer.getBody();
        assertThat(problem.getDetail()).contains("row 2, column name").contains("never closed")
                .doesNotContain("org.apache").doesNotContain("Exception").doesNotContain("EOF");
        assertThat(errorsOf(answer)).singleElement().satisfies(error -> {
            assertThat(error).containsEntry("row", 2L).containsEntry("column", "name");
        });
    }

    @Test
    void aQuoteOpensACellOnlyAsItsFirstCharacterAndTwoQuotesInsideOneAreOne() {
        String header = "title,rationale\n";
        assertThat(CsvImport.Place.unclosedQuote(header + "Buy 5\" screens,\"Agreed \"\"in full\"\"\"\n"))
                .isEmpty();
        assertThat(CsvImport.Place.unclosedQuote(header + "Plan,fine\n\nPlan B,\"Board's \"\"view\"\"\n"))
                .contains(new CsvImport.Place(2, "rationale"));
        assertThat(CsvImport.Place.unclosedQuote("title,\"rationale\n")).contains(new CsvImport.Place(0, "column 2"));
    }

    @Test
    void aViolationIsSaidOfItsColumn() {
        List<String> accountabilities = ImportKind.ACCOUNTABILITIES.columns();
        assertThat(CsvImport.columnOf("subject.type", accountabilities)).isEqualTo("subjectType");
        assertThat(CsvImport.columnOf("subject.ref", accountabilities)).isEqualTo("subjectRef");
        assertThat(CsvImport.columnOf("post", accountabilities)).isEqualTo("post");
        assertThat(CsvImport.columnOf("ratification.odsCode", ImportKind.RATIFICATIONS.columns()))
                .isEqualTo("odsCode");
        List<String> decisions = ImportKind.DECISIONS.columns();
        assertThat(CsvImport.columnOf("decidingOdsCodes[1].<list element>", decisions)).isEqualTo("decidingOdsCodes");
        assertThat(CsvImport.columnOf("positions[0].odsCode", decisions)).isEqualTo("positions");
    }

    /** A refused rule names no field; its sentence says which cell of the row it is about. */
    @Test
    void aRefusedRuleIsSaidOfTheColumnItIsAbout() {
        Map<String, Object> accountability = Map.of("subjectType", List.of("THEME"), "subjectRef", List.of("FINANCE"),
                "role", List.of("RESPONSIBLE"), "odsCode", List.of("RZZ"), "post", List.of("Finance", "lead"));
        assertThat(RefusedRules.field("RZZ was not a member of partnership E54000005 on 2018-01-01 (it has never been"
                + " one)", accountability, null)).isEqualTo("odsCode");
        assertThat(RefusedRules.field("Subject THEME:RISK already has an ACCOUNTABLE holder from 2018-01-01: RXF",
                accountability, null)).isEqualTo("role");
        assertThat(RefusedRules.field("No decision of E54000005 has the reference NOPE/1",
                Map.of("decisionReference", List.of("NOPE/1"), "odsCode", List.of("RR8")), null))
                .isEqualTo("decisionReference");
        Map<String, Object> decision = new java.util.LinkedHashMap<>();
        decision.put("title", List.of("Pool", "the", "budgets"));
        decision.put("decidingOdsCodes", List.of("RR8", "15F"));
        decision.put("positions", List.of("RR8", "SUPPORTS", "15F", "ABSTAINS"));
        assertThat(RefusedRules.field("15F was not a member of partnership E54000005 on 2015-09-01", decision, null))
                .isEqualTo("decidingOdsCodes");
        assertThat(RefusedRules.field("A record with id 7d1c… already exists", decision, null)).isNull();
    }
}
