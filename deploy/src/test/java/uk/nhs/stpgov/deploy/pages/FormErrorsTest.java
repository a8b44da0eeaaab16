package uk.nhs.stpgov.deploy.pages;

import org.junit.jupiter.api.Test;

import uk.nhs.stpgov.command.web.Patterns;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused form's errors read as words next to their fields (an outside tester saw "Enter assessedon"). */
class FormErrorsTest {

    @Test
    void aMissingFieldIsNamedInWords() {
        FormErrors errors = FormErrors.of(Map.of("status", 400, "detail", "The request has invalid fields",
                "errors", List.of(Map.of("field", "assessedOn", "message", "must not be null"),
                        Map.of("field", "joinedOn", "message", "must not be null"))), null, Map.of());
        assertThat(errors.get("assessedOn")).isEqualTo("Enter assessed on");
        assertThat(errors.get("joinedOn")).isEqualTo("Enter joined on");
    }

    /** Outside tester: the summary came in no set order, and a reference's error was a regular expression. */
    @Test
    void theSummaryFollowsTheFormsOrderAndSaysShapesInWords() {
        FormErrors errors = FormErrors.of(Map.of("status", 400, "detail", "The request has invalid fields",
                "errors", List.of(Map.of("field", "decidedOn", "message", "must not be null"),
                        Map.of("field", "outcome", "message", "must not be null"),
                        Map.of("field", "reference", "message", "must match \"" + Patterns.REFERENCE + "\""),
                        Map.of("field", "theme", "message", "must not be null"),
                        Map.of("field", "title", "message", "must not be blank"))), null, Map.of());
        assertThat(errors.summary()).extracting(FormErrors.Item::href)
                .containsExactly("#title", "#reference", "#theme", "#outcome", "#decidedOn");
        assertThat(errors.get("reference")).isEqualTo("Minute reference must be letters, digits, spaces and "
                + "/ . _ -, starting with a letter or digit, at most 64 characters");
    }

    @Test
    void aFieldWithoutALabelIsStillWords() {
        assertThat(FormErrors.inWords("memberOdsCodes")).isEqualTo("Member ods codes");
        assertThat(FormErrors.inWords("title")).isEqualTo("Title");
    }
}
