package uk.nhs.stpgov.query.replay;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rows that a projection collects over a processor's whole batch and writes as one JDBC batch when the batch
 * commits, instead of one round trip per event. Written after the handlers have run, they are out of reach of the
 * dead-letter queue, so this class parks the events whose rows fail itself: the batch is written behind a savepoint,
 * and if it fails, row by row, each event whose row cannot be written is parked with its error while the others
 * are written.
 */
@Component
public class BatchedRows {
    private static final Logger log = LoggerFactory.getLogger(BatchedRows.class);

    private record Row(EventMessage<?> event, Object[] values) {
    }

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final DeadLetters deadLetters;

    BatchedRows(JdbcTemplate jdbc, DataSource dataSource, DeadLetters deadLetters) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.deadLetters = deadLetters;
    }

    /** Adds a row of the event being handled to the batch's rows for {@code sql}. */
    public void add(String sql, Object... values) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<Row> rows = batch.getOrComputeResource(BatchedRows.class.getName() + sql, key -> {
            List<Row> pending = new ArrayList<>();
            batch.onPrepareCommit(u -> write(sql, pending));
            return pending;
        });
        rows.add(new Row((EventMessage<?>) CurrentUnitOfWork.get().getMessage(), values));
    }

    private void write(String sql, List<Row> all) {
        Set<String> parked = ProjectionFailures.parkedInThisBatch();
        List<Row> rows = all.stream().filter(row -> !parked.contains(row.event().getIdentifier())).toList();
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint whole = connection.setSavepoint();
            try {
                jdbc.batchUpdate(sql, rows.stream().map(Row::values).toList());
                connection.releaseSavepoint(whole);
                return;
            } catch (RuntimeException failed) {
                if (ProjectionFailures.passing(failed)) {
                    throw failed;
                }
                connection.rollback(whole);
            }
            for (Row row : rows) {
                Savepoint one = connection.setSavepoint();
                try {
                    jdbc.update(sql, row.values());
                    connection.releaseSavepoint(one);
                } catch (RuntimeException failed) {
                    if (ProjectionFailures.passing(failed)) {
                        throw failed;
                    }
                    connection.rollback(one);
                    log.warn("Parking event {}: its row cannot be written: {}", row.event().getIdentifier(),
                            failed.getMessage());
                    deadLetters.park(row.event(), failed);
                    parked.add(row.event().getIdentifier());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Savepoint failed while writing batched rows", e);
        }
    }
}
