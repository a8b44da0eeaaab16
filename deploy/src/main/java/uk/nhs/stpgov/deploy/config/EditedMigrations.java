package uk.nhs.stpgov.deploy.config;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Migrations edited after some store had applied them, put back as first written (the change moved to a later
 * migration): a store that applied the edited text holds its checksum, which Flyway's validation would refuse. Before
 * validating, such a store's recorded checksum is set to the file's, as {@code flyway repair} would do by hand; the
 * later migration then does what the edit did.
 */
@Component
class EditedMigrations implements Callback {
    /** Version, checksum of the edited text some stores applied, checksum of the file now. */
    private record Edited(String version, int applied, int now) {
    }

    /** V105 gained V108's condition for a while (f2db7ed); the landed tracker of 2026-11-30 applied that text. */
    private static final Edited[] EDITED = {new Edited("105", -659816148, -1335036453)};

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String history = context.getConfiguration().getTable();
        try {
            if (!context.getConnection().getMetaData().getTables(null, null, history, null).next()) {
                return;
            }
            try (PreparedStatement repair = context.getConnection().prepareStatement("UPDATE \"" + history
                    + "\" SET checksum = ? WHERE version = ? AND checksum = ?")) {
                for (Edited edited : EDITED) {
                    repair.setInt(1, edited.now());
                    repair.setString(2, edited.version());
                    repair.setInt(3, edited.applied());
                    repair.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not accept the checksums of edited migrations in " + history, e);
        }
    }

    @Override
    public String getCallbackName() {
        return "stpgov-edited-migrations";
    }
}
