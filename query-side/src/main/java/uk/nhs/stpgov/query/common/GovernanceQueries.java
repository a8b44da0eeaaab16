package uk.nhs.stpgov.query.common;

import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.web.NotFound;

import java.time.Instant;

/** Reads a partnership's record at an instant. */
@Component
public class GovernanceQueries {
    private final RecordReader reader;

    public GovernanceQueries(RecordReader reader) {
        this.reader = reader;
    }

    public PartnershipRecord record(String partnershipId, Instant asOf) {
        return reader.record(partnershipId, asOf).orElseThrow(() -> new NotFound("partnership", partnershipId));
    }

    public RecordReader reader() {
        return reader;
    }
}
