package uk.nhs.stpgov.query.answers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Current answers of a partnership, kept as the JSON bytes the API sends, under the version of the partnership's
 * read models ({@link PartnershipVersions}): while the version stays the same, so does the answer, and no client can
 * be given an answer older than the version it read (read-your-writes holds: {@code minPosition} is waited for
 * first). Bounded by size ({@code stpgov.answer-cache-mb}, 0 turns it off); answers as of an earlier instant are not
 * kept (each asks for its own instant, so they would only push the current answers out).
 */
@Component
public class AnswerCache {
    /** An answer: its JSON, and the cursor of the following page (null on the last). */
    public record Answer(byte[] json, String next) {
    }

    private record Key(String partnershipId, long version, String question) {
    }

    private final PartnershipVersions versions;
    private final JsonMapper json;
    private final TransactionTemplate snapshot;
    private final Cache<Key, Answer> answers;

    AnswerCache(PartnershipVersions versions, JsonMapper json, PlatformTransactionManager transactions,
                @Value("${stpgov.answer-cache-mb:32}") long megabytes) {
        this.versions = versions;
        this.json = json;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.answers = Caffeine.newBuilder().maximumWeight(megabytes * 1024 * 1024)
                .weigher((Key key, Answer answer) -> answer.json().length + key.question().length() * 2 + 64)
                .build();
    }

    /**
     * The answer to {@code question} (every parameter that shapes it, resolved: e.g. {@code on} as a date) about the
     * partnership, from the cache or from {@code read}, which runs in the same snapshot as the version is read in.
     */
    public Answer answer(String partnershipId, String question, Supplier<?> read) {
        // A kept answer needs one statement and no transaction: it was read in a snapshot of the version it is kept
        // under, so it is that version's answer whenever the version is read.
        Answer kept = answers.getIfPresent(new Key(partnershipId, versions.of(partnershipId), question));
        if (kept != null) {
            return kept;
        }
        return snapshot.execute(status -> {
            Key key = new Key(partnershipId, versions.of(partnershipId), question);
            return answers.get(key, k -> toJson(read.get()));
        });
    }

    /** An answer's body as the API writes it, and its next-page cursor when it is a page. */
    private Answer toJson(Object body) {
        if (body instanceof Paged paged) {
            return new Answer(paged.body() instanceof byte[] written ? written : json.writeValueAsBytes(paged.body()),
                    paged.next());
        }
        return new Answer(json.writeValueAsBytes(body), null);
    }

    /**
     * The answer with {@code field}, kept as null, set to {@code value}: its first {@code "field":null}, which is the
     * object's own field when the object names it before any nested object (a quote inside a JSON string is always
     * escaped, so the sequence cannot come from a value).
     */
    public WithField withInstant(byte[] answer, String field, Instant value) {
        return withField(answer, field, json.writeValueAsString(value));
    }

    static WithField withField(byte[] answer, String field, String valueJson) {
        byte[] kept = ("\"" + field + "\":null").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(answer, kept);
        if (at < 0) {
            throw new IllegalStateException("the answer has no " + field + " to set");
        }
        byte[] set = ("\"" + field + "\":" + valueJson).getBytes(StandardCharsets.UTF_8);
        return new WithField(answer, at, kept.length, set);
    }

    /**
     * A kept answer with one field set, sent as three slices (before, the field, after) so that the kept bytes, a
     * few hundred KB for a map page, are not copied for every request ({@link WithFieldConverter}).
     */
    public record WithField(byte[] answer, int at, int replaced, byte[] field) {
        public int length() {
            return answer.length - replaced + field.length;
        }

        public void writeTo(OutputStream out) throws IOException {
            out.write(answer, 0, at);
            out.write(field);
            out.write(answer, at + replaced, answer.length - at - replaced);
        }

        public byte[] toBytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(length());
            try {
                writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream never throws
            }
            return out.toByteArray();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A page's body (or its JSON, already written) and the cursor of the following page. */
    public record Paged(Object body, String next) {
    }
}
