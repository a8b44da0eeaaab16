package uk.nhs.stpgov.deploy.web;

import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import uk.nhs.stpgov.command.common.DuplicateId;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.command.web.InvalidRequest;
import uk.nhs.stpgov.command.web.RefusalProblems;
import uk.nhs.stpgov.query.replay.ReplayRefused;
import uk.nhs.stpgov.query.replay.ReplayStuck;
import uk.nhs.stpgov.query.web.InvalidParameter;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.NotReadyYet;

import java.sql.SQLException;
import java.util.List;

/**
 * The command and query sides' refusals as RFC 9457 problems, made by {@link Problems} like every other refusal
 * (ProblemDetailsAdvice for the web layer's, the filters and Tomcat's valve for theirs). The sides only throw; a
 * refused command has written nothing. Ordered first, so a side's refusal is never answered by the catch-all.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusalAdvice implements RefusalProblems {
    private static final Logger log = LoggerFactory.getLogger(RefusalAdvice.class);

    @Override
    public ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }

    /**
     * The problem this advice answers for a failure met while sending a command outside a controller (a CSV row),
     * found along its cause chain, so both ways in say the same. A failure it does not know is logged and told
     * without internals: no SQL, table or constraint name reaches a client.
     */
    @Override
    public ProblemDetail problemFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RuleViolation e) {
                return ruleViolation(e);
            } else if (t instanceof UnknownEntity e) {
                return unknown(e);
            } else if (t instanceof InvalidRequest e) {
                return invalid(e);
            } else if (t instanceof AggregateNotFoundException e) {
                return aggregateNotFound(e);
            } else if (t instanceof IncompatibleAggregateException || t instanceof NoHandlerForCommandException) {
                return otherKind((Exception) t);
            } else if (t instanceof DuplicateId e) {
                return duplicateId(e);
            } else if (t instanceof AggregateStreamCreationException e) {
                return duplicate(e);
            } else if (t instanceof ConflictingAggregateVersionException e) {
                return staleVersion(e);
            } else if (t instanceof ConcurrencyException e) {
                return concurrency(e);
            } else if (t instanceof AccessDeniedException e) {
                return forbidden(e);
            } else if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return duplicate(null);
            }
        }
        log.error("Command refused by an unexpected failure", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The record could not be stored; nothing was written and the failure has been logged");
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        return problem(HttpStatus.CONFLICT, "rule-violation", "Governance rule breached", e.getMessage());
    }

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalid(InvalidRequest e) {
        return ProblemDetailsAdvice.invalid(e.getMessage(),
                List.of(ProblemDetailsAdvice.fieldError(e.field(), e.getMessage())));
    }

    @ExceptionHandler(UnknownEntity.class)
    ProblemDetail unknown(UnknownEntity e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No record with id '" + e.getAggregateIdentifier() + "'");
    }

    /**
     * An id of another kind of record in the path, e.g. a decision's id under /api/accountabilities: Axon loads that
     * record's events into the wrong aggregate, which then has no handler for the command (every command type here
     * has one) or refuses the events.
     */
    @ExceptionHandler({IncompatibleAggregateException.class, NoHandlerForCommandException.class})
    ProblemDetail otherKind(Exception e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No record of this kind has this id; it names a record of another kind");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail duplicate(AggregateStreamCreationException e) {
        return problem(HttpStatus.CONFLICT, "duplicate-id", "Id already in use",
                "A record with this id already exists; choose another id or omit it");
    }

    /** The same problem, found before the event store is asked (an import row reusing an id), in its own words. */
    @ExceptionHandler(DuplicateId.class)
    ProblemDetail duplicateId(DuplicateId e) {
        return problem(HttpStatus.CONFLICT, "duplicate-id", "Id already in use", e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrency(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Changed concurrently",
                "Someone else changed this record at the same moment; read it again and retry");
    }

    /** The client's {@code expectedVersion} is not the record's current one: someone changed it since it was read. */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "stale-version", "Changed since you read it",
                "The record is at version " + e.getActualVersion() + ", not the expectedVersion "
                        + e.getExpectedVersion() + "; read it again and retry");
        problem.setProperty("currentVersion", e.getActualVersion());
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    @ExceptionHandler(EventStoreException.class)
    ProblemDetail eventStore(EventStoreException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Event store unavailable",
                "The record could not be stored just now; nothing was written. Retry shortly");
    }

    // ---- the query side

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(InvalidParameter.class)
    ProblemDetail invalidParameter(InvalidParameter e) {
        return ProblemDetailsAdvice.invalid(e.getMessage(),
                List.of(ProblemDetailsAdvice.fieldError(e.parameter(), e.getMessage())));
    }

    /** Retry-After is a hint: a projection usually catches up within a second. */
    @ExceptionHandler(NotReadyYet.class)
    ResponseEntity<ProblemDetail> notReadyYet(NotReadyYet e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "not-ready-yet", "Not readable yet", e.getMessage()));
    }

    @ExceptionHandler(ReplayRefused.class)
    ProblemDetail replayRefused(ReplayRefused e) {
        return problem(HttpStatus.CONFLICT, "replay-refused", "Rebuild refused", e.getMessage());
    }

    /** No Retry-After: a stuck worker does not come free by waiting; the instance needs a restart. */
    @ExceptionHandler(ReplayStuck.class)
    ProblemDetail replayStuck(ReplayStuck e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "replay-stuck", "Rebuild refused: projections stuck",
                e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }
}
