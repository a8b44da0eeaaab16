package uk.nhs.stpgov.command.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Problem details (RFC 9457) as the application writes every refusal. The application assembling the sides owns the
 * one implementation, its error advice; the command side asks it when it answers outside a controller (a CSV row).
 */
public interface RefusalProblems {
    ProblemDetail of(HttpStatus status, String type, String title, String detail);

    /** The problem the API answers for a command refused with this failure, found along its cause chain. */
    ProblemDetail problemFor(Throwable failure);
}
