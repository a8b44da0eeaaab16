package uk.nhs.stpgov.query.common;

import org.springframework.stereotype.Component;
import uk.nhs.stpgov.events.themes.ThemeCatalog;
import uk.nhs.stpgov.query.gaps.Gap;
import uk.nhs.stpgov.query.gaps.GapFinder;
import uk.nhs.stpgov.query.web.NotFound;

import java.time.Instant;
import java.util.List;

/** Reads a partnership's record at an instant and the gaps in it; shared by the map, gap and CSV answers. */
@Component
public class GovernanceQueries {
    private final RecordReader reader;
    private final GapFinder gapFinder;

    public GovernanceQueries(RecordReader reader, ThemeCatalog themes) {
        this.reader = reader;
        this.gapFinder = new GapFinder(themes);
    }

    public PartnershipRecord record(String partnershipId, Instant asOf) {
        return reader.record(partnershipId, asOf).orElseThrow(() -> new NotFound("partnership", partnershipId));
    }

    public List<Gap> gaps(PartnershipRecord record) {
        return gapFinder.find(record);
    }

    public GapFinder gapFinder() {
        return gapFinder;
    }

    public RecordReader reader() {
        return reader;
    }
}
