package uk.nhs.stpgov.command.partnership;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.stpgov.events.ConfidenceLevel;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.MaturityRating;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Commands handled by the {@link Partnership} aggregate. */
public final class PartnershipCommands {
    private PartnershipCommands() {
    }

    public record RegisterPartnership(@TargetAggregateIdentifier String partnershipId, String name, String region) {
    }

    public record AdmitMember(@TargetAggregateIdentifier String partnershipId, String odsCode, String name,
                              Sector sector, boolean statutory, LocalDate joinedOn) {
    }

    public record WithdrawMember(@TargetAggregateIdentifier String partnershipId, String odsCode, LocalDate on,
                                 String reason) {
    }

    public record EstablishForum(@TargetAggregateIdentifier String partnershipId, String forumId, String name,
                                 ForumKind kind, List<String> memberOdsCodes, Set<ThemeCode> themes) {
    }

    public record DelegateAuthority(@TargetAggregateIdentifier String partnershipId, String forumId,
                                    String delegationId, String fromOdsCode, Set<ThemeCode> themes,
                                    LocalDate effectiveFrom, LocalDate effectiveTo) {
    }

    public record RevokeDelegation(@TargetAggregateIdentifier String partnershipId, String forumId,
                                   String delegationId, LocalDate on, String reason) {
    }

    public record AssessTheme(@TargetAggregateIdentifier String partnershipId, String assessmentId, ThemeCode theme,
                              MaturityRating rating, Map<String, String> answers, LocalDate assessedOn) {
    }

    public record RecordConfidence(@TargetAggregateIdentifier String partnershipId, String assessmentId,
                                   String respondentRole, ConfidenceLevel level, String reason,
                                   LocalDate recordedOn) {
    }
}
