package uk.nhs.stpgov.command.web;

import uk.nhs.stpgov.events.OdsCodes;

/** Shapes of identifiers accepted in request bodies (DESIGN §1, §4). */
public final class Patterns {
    public static final String PARTNERSHIP_ID = "^[a-z0-9][a-z0-9-]{1,39}$";
    public static final String ODS_CODE = OdsCodes.PATTERN;
    public static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /** A forum's own minute reference, e.g. {@code JC/2018/014}. */
    public static final String REFERENCE = "^[A-Za-z0-9][A-Za-z0-9/._ -]{0,63}$";

    public static final int NAME = 200;
    public static final int TEXT = 4000;

    private Patterns() {
    }

    /** The client's own id, or a new random one. */
    public static String idOrNew(String clientId) {
        return clientId == null || clientId.isBlank() ? java.util.UUID.randomUUID().toString() : clientId;
    }
}
