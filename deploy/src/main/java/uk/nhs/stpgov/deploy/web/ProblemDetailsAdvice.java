package uk.nhs.stpgov.deploy.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RFC 9457 problem details for everything the web layer refuses: malformed JSON, wrong types, unknown enum values,
 * failed validation, wrong media types. Field errors are listed under {@code errors} as {@code {field, message}}.
 * The sides' own refusals (rules, unknown records, scope checks) are {@link RefusalAdvice}'s.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> fieldError(error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalid("The request has invalid fields", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, Object>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> fieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalid("The request has invalid parameters", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
            }
        }
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = FieldMessages.of(databind);
            return ResponseEntity.badRequest().body(invalid("The field '" + field + "' " + message,
                    List.of(fieldError(field, message))));
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        boolean csv = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv");
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", csv
                ? "The request body is missing: send the CSV header row and the rows to import"
                : "The request body is missing or is not well-formed JSON");
        return ResponseEntity.badRequest().body(problem);
    }

    /** A URL nothing answers, said neutrally: Spring's "No static resource …" tells how the app is served. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return noSuchResource(request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
                                                                   HttpStatusCode status, WebRequest request) {
        return noSuchResource(request);
    }

    /** The API's problem; a page address (/nope, GET /logout) gets the "Page not found" page, as a missing record's. */
    private static ResponseEntity<Object> noSuchResource(WebRequest request) {
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
                && Problems.isPage(servlet.getRequest())) {
            try {
                Problems.refuse(servlet.getRequest(), servlet.getResponse(), problem(HttpStatus.NOT_FOUND,
                        "not-found", "Page not found", "There is no page at this address."));
                return null; // the page is written
            } catch (java.io.IOException | jakarta.servlet.ServletException e) {
                throw new IllegalStateException(e);
            }
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such resource"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
        String message = ex.getRequiredType() != null && ex.getRequiredType().isEnum()
                ? "must be one of " + Arrays.toString(ex.getRequiredType().getEnumConstants())
                : "must be a " + FieldMessages.readable(ex.getRequiredType());
        return invalid("The parameter '" + ex.getName() + "' " + message, List.of(fieldError(ex.getName(), message)));
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ProblemDetail tooLarge(PayloadTooLarge ex) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request too large", ex.getMessage());
    }

    /** The firewall refused a parameter when the controller read it (control characters, say). */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException ex) {
        return problem(HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                "The request's parameters or headers hold characters that are not allowed (such as control characters)");
    }

    /**
     * Tomcat could not decode a query parameter (percent-encoded bytes that are not UTF-8, such as {@code %ff}) when
     * the controller read it.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodable(InvalidParameterException ex) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "A query parameter could not be decoded: its percent-encoded bytes must be UTF-8");
    }

    /** PostgreSQL is unreachable: nothing was done and the client may retry, so 503 rather than 500. */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    ProblemDetail databaseUnavailable(Exception ex) {
        log.warn("Database unavailable: {}", ex.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Database unavailable",
                "The database cannot be reached just now; nothing was done. Retry shortly");
    }

    /** A last resort: the client sees a problem with no internals; the log has the cause. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        log.error("Unexpected failure", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be completed; it has been logged");
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create("/problems/" + slug(status)));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String slug(HttpStatusCode status) {
        return Problems.slug(status.value());
    }


    static ProblemDetail invalid(String detail, List<Map<String, Object>> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    static Map<String, Object> fieldError(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }
}
