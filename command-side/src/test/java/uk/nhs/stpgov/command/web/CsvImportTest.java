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
}
