package uk.nhs.stpgov.query.support;

import uk.nhs.stpgov.query.web.InvalidParameter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The opaque {@code after} cursor of a keyset page: the sort values of the last row of the page, so the next page
 * starts after them whatever was recorded in between. A cursor names the list it pages ({@link Kind}): one handed
 * to another list is refused rather than read as a position there (a timeline cursor given to the gaps list had
 * answered a page from a made-up place), and its scope: the partnership (or partnerships) and filters it pages, so
 * a cursor of one partnership's decisions, or of an unfiltered list, is refused on another partnership's or a
 * filtered one (it had skipped that partnership's newer decisions, or repeated a page of gaps).
 */
public final class Cursor {
    private static final String SEPARATOR = "\u001f";
    /** Marks our cursors, so any other text is refused rather than read as a position. */
    private static final String MARK = "c3";
    /**
     * Cursors written before they named their scope, or their list (2026-11-30): still read, so paging goes on
     * across an upgrade.
     */
    private static final String UNSCOPED = "c2";
    private static final String UNNAMED = "c1";

    /** The lists that page by cursor. */
    public enum Kind { MAP, GAPS, TIMELINE, DECISIONS, ACCOUNTABILITIES }

    private Cursor() {
    }

    /** The cursor after {@code values} on the list {@code kind} of {@code scope} (its partnerships and filters). */
    public static String encode(Kind kind, Object scope, String... values) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((MARK + SEPARATOR + kind + SEPARATOR
                + scope(scope) + SEPARATOR + String.join(SEPARATOR, values)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The values of a cursor of this list and scope, which must have {@code size} of them; any other cursor is a
     * 400.
     */
    public static List<String> decode(Kind kind, Object scope, String cursor, int size) {
        try {
            List<String> values = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1));
            if (values.size() == size + 3 && values.get(0).equals(MARK) && values.get(1).equals(kind.name())
                    && values.get(2).equals(scope(scope))) {
                return values.subList(3, values.size());
            }
            if (values.size() == size + 2 && values.get(0).equals(UNSCOPED) && values.get(1).equals(kind.name())) {
                return values.subList(2, values.size());
            }
            if (values.size() == size + 1 && values.get(0).equals(UNNAMED)) {
                return values.subList(1, values.size());
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw refused(cursor);
    }

    /** A short digest of the scope (its text, e.g. the partnership id and a filter record), not the scope itself. */
    private static String scope(Object scope) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(scope).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The answer to a cursor that is not one of this list's: also when its values do not read as the list's. */
    public static InvalidParameter refused(String cursor) {
        return new InvalidParameter("after", "after must be the cursor of a previous page of this list, not '"
                + cursor + "'");
    }
}
