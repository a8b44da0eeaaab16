package uk.nhs.stpgov.command.web;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Maps the command side's refusals to RFC 9457 problems. A refused command has written nothing. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandErrorAdvice {

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        return problem(HttpStatus.CONFLICT, "rule-violation", "Governance rule breached", e.getMessage());
    }

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalid(InvalidRequest e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
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

    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail duplicate(AggregateStreamCreationException e) {
        return problem(HttpStatus.CONFLICT, "duplicate-id", "Id already in use",
                "A record with this id already exists; choose another id or omit it");
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

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
