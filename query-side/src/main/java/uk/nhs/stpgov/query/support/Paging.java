package uk.nhs.stpgov.query.support;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uk.nhs.stpgov.query.web.InvalidParameter;

import java.util.List;

/** {@code limit} and {@code after} of the lists that grow with history, and their {@code Link: rel="next"}. */
public final class Paging {
    public static final int MAX = 1000;

    private Paging() {
    }

    public static int limit(Integer limit, int byDefault) {
        if (limit == null) {
            return byDefault;
        }
        if (limit < 1 || limit > MAX) {
            throw new InvalidParameter("limit", "limit must be between 1 and " + MAX + ", not " + limit);
        }
        return limit;
    }

    /** A page of rows and the cursor of the next page (null on the last page). */
    public record Page<T>(List<T> rows, String next) {
    }

    /** Answers the page's rows, with a {@code Link} to the next page when there is one (RFC 8288). */
    public static <T> ResponseEntity<List<T>> answer(Page<T> page) {
        return withNext(page.rows(), page.next());
    }

    /** A cached answer: its JSON as it was written, with the {@code Link} to its next page. */
    public static ResponseEntity<byte[]> json(byte[] body, String next) {
        return withNext(body, next, MediaType.APPLICATION_JSON);
    }

    public static <B> ResponseEntity<B> withNext(B body, String next) {
        return withNext(body, next, null);
    }

    private static <B> ResponseEntity<B> withNext(B body, String next, MediaType type) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (type != null) {
            answer.contentType(type);
        }
        if (next == null) {
            return answer.body(body);
        }
        String uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("after", next)
                .build().toUriString();
        return answer.header(HttpHeaders.LINK, "<" + uri + ">; rel=\"next\"").body(body);
    }
}
