package uk.nhs.stpgov.events.partnership;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/**
 * A member was replaced by another body on {@code on} (a merger, CCGs by ICBs): the successor is a member from that
 * day (it may already have been one, {@code successorWasMember}, as when a trust absorbs another), the predecessor
 * {@code odsCode} leaves after it. What the predecessor held passes on in further events that name it in
 * {@code succeededFrom}.
 */
@Revision("1")
public record MemberSucceeded(String partnershipId, String odsCode, String successorOdsCode, String successorName,
                              Sector sector, boolean statutory, LocalDate on, String reason,
                              boolean successorWasMember) implements GovernanceEvent {
    @Override
    public Set<ThemeCode> themes() {
        return Set.of(ThemeCode.STRUCTURE);
    }
}
