package uk.nhs.stpgov.query.support;

import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.query.web.InvalidParameter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cursor reads back on its own list only; no database. */
class CursorTest {

    @Test
    void readsBackTheValuesOnItsOwnList() {
        String cursor = Cursor.encode(Cursor.Kind.TIMELINE, "2016-04-08T10:10:57.216Z", "devon", "1");
        assertThat(Cursor.decode(Cursor.Kind.TIMELINE, cursor, 3))
                .containsExactly("2016-04-08T10:10:57.216Z", "devon", "1");
    }

    @Test
    void refusesTheCursorOfAnotherListWithTheSameNumberOfValues() {
        String timeline = Cursor.encode(Cursor.Kind.TIMELINE, "2016-04-08T10:10:57.216Z", "devon", "1");
        assertThatThrownBy(() -> Cursor.decode(Cursor.Kind.GAPS, timeline, 3))
                .isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("cursor of a previous page of this list");
    }

    @Test
    void stillReadsACursorWrittenBeforeCursorsNamedTheirList() {
        // As the version before 2026-11-30 wrote them: a client paging across the upgrade goes on.
        String old = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("c1\u001f0|01".getBytes(StandardCharsets.UTF_8));
        assertThat(Cursor.decode(Cursor.Kind.MAP, old, 1)).containsExactly("0|01");
    }

    @Test
    void refusesTextThatIsNoCursorAndCursorsOfAnotherSize() {
        assertThatThrownBy(() -> Cursor.decode(Cursor.Kind.MAP, "not a cursor!", 1))
                .isInstanceOf(InvalidParameter.class);
        String two = Cursor.encode(Cursor.Kind.MAP, "a", "b");
        assertThatThrownBy(() -> Cursor.decode(Cursor.Kind.MAP, two, 1)).isInstanceOf(InvalidParameter.class);
    }
}
