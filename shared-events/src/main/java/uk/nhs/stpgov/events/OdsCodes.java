package uk.nhs.stpgov.events;

import java.util.regex.Pattern;

/**
 * The shape of an ODS code (DESIGN §1: RR8, 15F, QWO): the one rule the command side checks request bodies against
 * and the query side checks filters against.
 */
public final class OdsCodes {
    /** As a regular expression, for {@code @Pattern} (a constant expression). */
    public static final String PATTERN = "^[A-Z0-9]{3,10}$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private OdsCodes() {
    }

    public static boolean wellFormed(String odsCode) {
        return odsCode != null && COMPILED.matcher(odsCode).matches();
    }
}
