package uk.nhs.stpgov.command.servicechange;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/** Commands handled by the {@link ServiceChange} aggregate. */
public final class ServiceChangeCommands {
    private ServiceChangeCommands() {
    }

    public record ProposeServiceChange(@TargetAggregateIdentifier String serviceChangeId, String partnershipId,
                                       String title, ServiceChangeKind kind, Set<ThemeCode> themes,
                                       String leadOdsCode, String description, boolean substantial,
                                       LocalDate proposedOn) {
    }

    public record RecordAssuranceTest(@TargetAggregateIdentifier String serviceChangeId, AssuranceTest test,
                                      AssuranceResult result, String evidence, LocalDate assessedOn,
                                      String assessor,
                                      @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public RecordAssuranceTest(String serviceChangeId, AssuranceTest test, AssuranceResult result,
                String evidence, LocalDate assessedOn, String assessor) {
            this(serviceChangeId, test, result, evidence, assessedOn, assessor, null);
        }
    }

    public record MoveServiceChange(@TargetAggregateIdentifier String serviceChangeId, Stage stage, String note,
                                    @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public MoveServiceChange(String serviceChangeId, Stage stage, String note) {
            this(serviceChangeId, stage, note, null);
        }
    }
}
