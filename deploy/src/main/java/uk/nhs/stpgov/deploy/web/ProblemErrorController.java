package uk.nhs.stpgov.deploy.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}, where an error raised outside Spring MVC lands): a problem in
 * the API's shape instead of Spring Boot's default JSON, and never the exception's message.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                && value >= 400 ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError() ? "The request could not be completed; it has been logged"
                : "The request was refused: " + status.getReasonPhrase();
        return ResponseEntity.status(status)
                .body(Problems.of(status, Problems.slug(status.value()), status.getReasonPhrase(), detail));
    }
}
