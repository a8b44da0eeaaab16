package uk.nhs.stpgov.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.events.audit.HashChain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small, database-free check of the generated history (the benchmark itself runs only via benchmarks/run). */
class StoreGeneratorTest {

    @Test
    void generatesEveryEventKindWithConsecutiveSequencesAndAnUnbrokenHashChain() throws Exception {
        StoreGenerator generator = new StoreGenerator(5_000);
        List<StoreGenerator.Row> rows = generator.generateRows(5_000);
        assertTrue(rows.size() >= 5_000);
        assertEquals(44, generator.partnerships().size());
        assertEquals(19, generator.kinds().size(), "every event kind: " + generator.kinds().keySet());

        ObjectMapper mapper = StoreGenerator.axonObjectMapper();
        Map<String, Long> sequences = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        String previousTimestamp = "";
        for (StoreGenerator.Row row : rows) {
            long expected = sequences.getOrDefault(row.aggregateId(), -1L) + 1;
            assertEquals(expected, row.seq(), row.aggregateId());
            sequences.put(row.aggregateId(), row.seq());
            Map<?, ?> meta = mapper.readValue(row.metadata(), Map.class);
            String hash = HashChain.next(hashes.getOrDefault(row.aggregateId(), HashChain.GENESIS), row.payloadType(),
                    row.payload(), row.timestamp(), (String) meta.get("actor"));
            assertEquals(hash, meta.get("hash"));
            hashes.put(row.aggregateId(), hash);
            assertTrue(row.timestamp().compareTo(previousTimestamp) >= 0, "recorded times never go back");
            previousTimestamp = row.timestamp();
            Object event = mapper.readValue(row.payload(), Class.forName(row.payloadType()));
            assertEquals(new String(row.payload()), mapper.writeValueAsString(event));
            assertEquals(Class.forName(row.payloadType()).getAnnotation(org.axonframework.serialization.Revision.class)
                    .value(), row.revision(), "the event type's current revision");
        }
    }
}
