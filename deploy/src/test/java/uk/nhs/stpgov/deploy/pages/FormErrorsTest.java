package uk.nhs.stpgov.deploy.pages;

import org.junit.jupiter.api.Test;

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

    @Test
    void aFieldWithoutALabelIsStillWords() {
        assertThat(FormErrors.inWords("memberOdsCodes")).isEqualTo("Member ods codes");
        assertThat(FormErrors.inWords("title")).isEqualTo("Title");
    }
}
