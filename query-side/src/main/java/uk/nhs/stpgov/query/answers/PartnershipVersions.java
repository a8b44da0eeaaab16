package uk.nhs.stpgov.query.answers;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The version of each partnership's read models: raised once per processor batch that handles any of the
 * partnership's events, in the batch's own transaction, so a version never names two different states. A reset
 * raises every version, so nothing answered before a rebuild is taken for an answer after it.
 */
@Component
@ProcessingGroup(ProjectionProgress.GROUP)
public class PartnershipVersions {
    private static final String TOUCHED = PartnershipVersions.class.getName() + ".touched";

    private final JdbcTemplate jdbc;

    PartnershipVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The partnership's version now (0 before its first event); in a snapshot, the version of that snapshot. */
    public long of(String partnershipId) {
        List<Long> found = jdbc.queryForList("SELECT version FROM q_partnership_version WHERE partnership_id = ?",
                Long.class, partnershipId);
        return found.isEmpty() ? 0 : found.get(0);
    }

    @EventHandler
    void on(GovernanceEvent event) {
        touched().add(event.partnershipId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("UPDATE q_partnership_version SET version = version + 1");
    }

    private Set<String> touched() {
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        return unit.getOrComputeResource(TOUCHED, key -> {
            // Sorted: batches of different segments then lock rows in the same order.
            Set<String> ids = new TreeSet<>();
            unit.onPrepareCommit(u -> jdbc.batchUpdate("INSERT INTO q_partnership_version (partnership_id, version) "
                            + "VALUES (?, 1) ON CONFLICT (partnership_id) DO UPDATE "
                            + "SET version = q_partnership_version.version + 1",
                    ids.stream().map(id -> new Object[]{id}).toList()));
            return ids;
        });
    }
}
