package uk.nhs.stpgov.query.support;

import org.springframework.http.HttpHeaders;
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

    public static <B> ResponseEntity<B> withNext(B body, String next) {
        if (next == null) {
            return ResponseEntity.ok(body);
        }
        String uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("after", next)
                .build().toUriString();
        return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + uri + ">; rel=\"next\"").body(body);
    }
}
