package uk.nhs.stpgov.command.accountability;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
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

    public record AcceptAccountability(@TargetAggregateIdentifier String accountabilityId, LocalDate on,
                                       @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public AcceptAccountability(String accountabilityId, LocalDate on) {
            this(accountabilityId, on, null);
        }
    }

    public record RelinquishAccountability(@TargetAggregateIdentifier String accountabilityId, LocalDate on,
                                           String reason,
                                           @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public RelinquishAccountability(String accountabilityId, LocalDate on, String reason) {
            this(accountabilityId, on, reason, null);
        }
    }

    /** {@code succeededFrom} is set when the succession policy sends it: the former holder's organisation. */
    public record TransferAccountability(@TargetAggregateIdentifier String accountabilityId, String odsCode,
                                         String post, String personName, LocalDate on, String succeededFrom,
                                         @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public TransferAccountability(String accountabilityId, String odsCode, String post, String personName,
                LocalDate on) {
            this(accountabilityId, odsCode, post, personName, on, null, null);
        }
    }

    public record ReviewAccountability(@TargetAggregateIdentifier String accountabilityId, LocalDate on,
                                       LocalDate nextReviewBy, String note,
                                       @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public ReviewAccountability(String accountabilityId, LocalDate on, LocalDate nextReviewBy, String note) {
            this(accountabilityId, on, nextReviewBy, note, null);
        }
    }
}
