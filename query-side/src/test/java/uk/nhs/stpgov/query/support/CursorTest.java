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
        String cursor = Cursor.encode(Cursor.Kind.TIMELINE, "devon", "2016-04-08T10:10:57.216Z", "devon", "1");
        assertThat(Cursor.decode(Cursor.Kind.TIMELINE, "devon", cursor, 3))
                .containsExactly("2016-04-08T10:10:57.216Z", "devon", "1");
    }

    @Test
    void refusesTheCursorOfAnotherListWithTheSameNumberOfValues() {
        String timeline = Cursor.encode(Cursor.Kind.TIMELINE, "devon", "2016-04-08T10:10:57.216Z", "devon", "1");
        assertThatThrownBy(() -> Cursor.decode(Cursor.Kind.GAPS, "devon", timeline, 3))
                .isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("cursor of a previous page of this list");
    }

    /** Another partnership's or another filter's cursor: it had skipped newer decisions or repeated a page of gaps. */
    @Test
    void refusesTheCursorOfAnotherScopeOfTheSameList() {
        String devon = Cursor.encode(Cursor.Kind.DECISIONS, "devon|Filter[theme=null]", "2019-06-01",
                "2019-06-02T10:00:00Z", "d1");
        assertThat(Cursor.decode(Cursor.Kind.DECISIONS, "devon|Filter[theme=null]", devon, 3)).hasSize(3);
        assertThatThrownBy(() -> Cursor.decode(Cursor.Kind.DECISIONS, "cornwall|Filter[theme=null]", devon, 3))
                .isInstanceOf(InvalidParameter.class);
        assertThatThrownBy(() -> Cursor.decode(Cursor.Kind.DECISIONS, "devon|Filter[theme=RISK]", devon, 3))
                .isInstanceOf(InvalidParameter.class);
    }

    @Test
    void stillReadsACursorWrittenBeforeCursorsNamedTheirScope() {
        String unscoped = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("c2\u001fMAP\u001f0|01".getBytes(StandardCharsets.UTF_8));
        assertThat(Cursor.decode(Cursor.Kind.MAP, "devon", unscoped, 1)).containsExactly("0|01");
    }

    @Test
    void stillReadsACursorWrittenBeforeCursorsNamedTheirList() {
        // As the version before 2026-11-30 wrote them: a client paging across the upgrade goes on.
        String old = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("c1\u001f0|01".getBytes(StandardCharsets.UTF_8));
        assertThat(Cursor.decode(Cursor.Kind.MAP, "devon", old, 1)).containsExactly("0|01");
    }

    @Test
    void refusesTextThatIsNoCursorAndCursorsOfAnotherSize() {
        assertThatThrownBy(() -> Cursor.decode(Cursor.Kind.MAP, "devon", "not a cursor!", 1))
                .isInstanceOf(InvalidParameter.class);
        String two = Cursor.encode(Cursor.Kind.MAP, "devon", "a", "b");
        assertThatThrownBy(() -> Cursor.decode(Cursor.Kind.MAP, "devon", two, 1)).isInstanceOf(InvalidParameter.class);
    }
}
