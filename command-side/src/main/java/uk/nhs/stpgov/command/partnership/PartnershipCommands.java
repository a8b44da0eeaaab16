package uk.nhs.stpgov.command.partnership;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.PartnershipStatus;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Commands handled by the {@link Partnership} aggregate. */
public final class PartnershipCommands {
    private PartnershipCommands() {
    }

    public record RegisterPartnership(@TargetAggregateIdentifier String partnershipId, String name, String region) {
    }

    public record AdmitMember(@TargetAggregateIdentifier String partnershipId, String odsCode, String name,
                              Sector sector, boolean statutory, LocalDate joinedOn,
                              @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public AdmitMember(String partnershipId, String odsCode, String name, Sector sector, boolean statutory,
                LocalDate joinedOn) {
            this(partnershipId, odsCode, name, sector, statutory, joinedOn, null);
        }
    }

    public record WithdrawMember(@TargetAggregateIdentifier String partnershipId, String odsCode, LocalDate on,
                                 String reason,
                                 @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public WithdrawMember(String partnershipId, String odsCode, LocalDate on, String reason) {
            this(partnershipId, odsCode, on, reason, null);
        }
    }

    public record SucceedMember(@TargetAggregateIdentifier String partnershipId, String odsCode,
                                String successorOdsCode, String successorName, Sector sector, boolean statutory,
                                LocalDate on, String reason,
                                @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public SucceedMember(String partnershipId, String odsCode, String successorOdsCode, String successorName,
                Sector sector, boolean statutory, LocalDate on, String reason) {
            this(partnershipId, odsCode, successorOdsCode, successorName, sector, statutory, on, reason, null);
        }
    }

    public record ChangeStatus(@TargetAggregateIdentifier String partnershipId, PartnershipStatus status, String name,
                               LocalDate on,
                               @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public ChangeStatus(String partnershipId, PartnershipStatus status, String name, LocalDate on) {
            this(partnershipId, status, name, on, null);
        }
    }

    public record EstablishForum(@TargetAggregateIdentifier String partnershipId, String forumId, String name,
                                 ForumKind kind, List<String> memberOdsCodes, Set<ThemeCode> themes,
                                 LocalDate establishedOn,
                                 @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public EstablishForum(String partnershipId, String forumId, String name, ForumKind kind,
                List<String> memberOdsCodes, Set<ThemeCode> themes, LocalDate establishedOn) {
            this(partnershipId, forumId, name, kind, memberOdsCodes, themes, establishedOn, null);
        }
    }

    public record ChangeForumTerms(@TargetAggregateIdentifier String partnershipId, String forumId,
                                   List<String> memberOdsCodes, Set<ThemeCode> themes, LocalDate on,
                                   @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public ChangeForumTerms(String partnershipId, String forumId, List<String> memberOdsCodes,
                Set<ThemeCode> themes, LocalDate on) {
            this(partnershipId, forumId, memberOdsCodes, themes, on, null);
        }
    }

    public record DelegateAuthority(@TargetAggregateIdentifier String partnershipId, String forumId,
                                    String delegationId, String fromOdsCode, Set<ThemeCode> themes,
                                    LocalDate effectiveFrom, LocalDate effectiveTo,
                                    @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public DelegateAuthority(String partnershipId, String forumId, String delegationId, String fromOdsCode,
                Set<ThemeCode> themes, LocalDate effectiveFrom, LocalDate effectiveTo) {
            this(partnershipId, forumId, delegationId, fromOdsCode, themes, effectiveFrom, effectiveTo, null);
        }
    }

    public record RevokeDelegation(@TargetAggregateIdentifier String partnershipId, String forumId,
                                   String delegationId, LocalDate on, String reason,
                                   @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public RevokeDelegation(String partnershipId, String forumId, String delegationId, LocalDate on,
                String reason) {
            this(partnershipId, forumId, delegationId, on, reason, null);
        }
    }
}
