package uk.nhs.stpgov.query.support;

import uk.nhs.stpgov.query.web.InvalidParameter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code after} cursor of a keyset page: the sort values of the last row of the page, so the next page
 * starts after them whatever was recorded in between.
 */
public final class Cursor {
    private static final String SEPARATOR = "\u001f";
    /** Marks our cursors, so any other text is refused rather than read as a position. */
    private static final String MARK = "c1";

    private Cursor() {
    }

    public static String encode(String... values) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((MARK + SEPARATOR + String.join(SEPARATOR, values)).getBytes(StandardCharsets.UTF_8));
    }

    /** The values of a cursor, which must have {@code size} of them; a cursor that is not ours is a 400. */
    public static List<String> decode(String cursor, int size) {
        try {
            List<String> values = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1));
            if (values.size() == size + 1 && values.get(0).equals(MARK)) {
                return values.subList(1, values.size());
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw new InvalidParameter("after", "after must be the cursor of a previous page, not '" + cursor + "'");
    }
}
