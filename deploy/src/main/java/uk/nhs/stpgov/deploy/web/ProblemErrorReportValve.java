package uk.nhs.stpgov.deploy.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;

/**
 * What Tomcat answers itself, before a request reaches the application (a malformed or encoded path, an oversized
 * request line or header): a problem in the API's shape instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        String detail = status >= 500 ? "The request could not be completed"
                : "The request was refused before it reached the application: " + title
                + " (check the path, the query string and the size of the headers)";
        try {
            response.resetBuffer();
            Problems.write(response.getResponse(), Problems.of(known == null ? HttpStatus.BAD_REQUEST : known,
                    Problems.slug(status), title, detail));
            response.getResponse().setStatus(status);
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response committed: nothing more can be said.
        }
    }
}
