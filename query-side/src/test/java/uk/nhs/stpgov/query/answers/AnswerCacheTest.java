package uk.nhs.stpgov.query.answers;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerCacheTest {
    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String set(String json, String value) {
        return new String(AnswerCache.withField(bytes(json), "asOf", value).toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theObjectsOwnFieldIsSetAndNothingElseChanges() {
        assertThat(set("{\"partnershipId\":\"leeds\",\"asOf\":null,\"on\":\"2026-11-29\",\"subjects\":[{\"asOf\":null}]}",
                "\"2026-11-29T10:00:00Z\""))
                .isEqualTo("{\"partnershipId\":\"leeds\",\"asOf\":\"2026-11-29T10:00:00Z\",\"on\":\"2026-11-29\","
                        + "\"subjects\":[{\"asOf\":null}]}");
    }

    @Test
    void aValueThatSpellsTheFieldIsNotTakenForIt() {
        // Inside a JSON string every quote is escaped, so "asOf":null written as a value never matches.
        assertThat(set("{\"partnershipId\":\"a \\\"asOf\\\":null b\",\"asOf\":null}", "\"t\""))
                .isEqualTo("{\"partnershipId\":\"a \\\"asOf\\\":null b\",\"asOf\":\"t\"}");
    }

    @Test
    void anAnswerWithoutTheFieldIsRefused() {
        assertThatThrownBy(() -> set("{\"partnershipId\":\"leeds\",\"asOf\":\"2020-01-01T00:00:00Z\"}", "\"t\""))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nonAsciiTextBeforeTheFieldIsKeptByteForByte() {
        assertThat(set("{\"partnershipId\":\"Ynys Môn – Gwynedd\",\"asOf\":null}", "\"t\""))
                .isEqualTo("{\"partnershipId\":\"Ynys Môn – Gwynedd\",\"asOf\":\"t\"}");
    }
}
