package uk.nhs.stpgov.command.accountability;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Subject;

import java.time.LocalDate;

/** Commands handled by the {@link Accountability} aggregate. */
public final class AccountabilityCommands {
    private AccountabilityCommands() {
    }

    public record AssignAccountability(@TargetAggregateIdentifier String accountabilityId, String partnershipId,
                                       Subject subject, RaciRole role, String odsCode, String post,
                                       String personName, LocalDate effectiveFrom, LocalDate reviewBy,
                                       boolean joint) {
    }

    public record AcceptAccountability(@TargetAggregateIdentifier String accountabilityId, LocalDate on) {
    }

    public record RelinquishAccountability(@TargetAggregateIdentifier String accountabilityId, LocalDate on,
                                           String reason) {
    }

    public record TransferAccountability(@TargetAggregateIdentifier String accountabilityId, String odsCode,
                                         String post, String personName, LocalDate on) {
    }
}
