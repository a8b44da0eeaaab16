package uk.nhs.stpgov.command.partnership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AdmitMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.DelegateAuthority;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.EstablishForum;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RegisterPartnership;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RevokeDelegation;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.WithdrawMember;
import uk.nhs.stpgov.command.web.Created;
import uk.nhs.stpgov.command.web.PartnershipAccess;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.events.Storable.MultiLine;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

@RestController
@Validated
@RequestMapping("/api/partnerships")
class PartnershipCommandController {
    /** Sectors whose members are statutory bodies unless the request says otherwise. */
    private static final Set<Sector> STATUTORY_SECTORS = EnumSet.of(Sector.NHS_TRUST, Sector.FOUNDATION_TRUST,
            Sector.CCG, Sector.LOCAL_AUTHORITY, Sector.AMBULANCE_TRUST);

    private final CommandGateway commands;
    private final PartnershipAccess access;

    PartnershipCommandController(CommandGateway commands, PartnershipAccess access) {
        this.commands = commands;
        this.access = access;
    }

    record RegisterRequest(@NotBlank @Pattern(regexp = Patterns.PARTNERSHIP_ID) String id,
                           @NotBlank @Size(max = Patterns.NAME) String name,
                           @NotBlank @Size(max = Patterns.NAME) String region) {
    }

    @PostMapping
    ResponseEntity<Created> register(@Valid @RequestBody RegisterRequest request) {
        // The URL rules cannot see the new id: a programme office may only register one of its own partnerships.
        access.requireWrite(request.id());
        commands.sendAndWait(new RegisterPartnership(request.id(), request.name().strip(), request.region().strip()));
        return Created.at("/api/partnerships/" + request.id(), request.id());
    }

    record AdmitRequest(@NotBlank @Pattern(regexp = Patterns.ODS_CODE) String odsCode,
                        @NotBlank @Size(max = Patterns.NAME) String name,
                        @NotNull Sector sector,
                        Boolean statutory,
                        @NotNull LocalDate joinedOn,
                        @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/members")
    ResponseEntity<Created> admit(@PathVariable String partnershipId, @Valid @RequestBody AdmitRequest request) {
        boolean statutory = request.statutory() != null ? request.statutory()
                : STATUTORY_SECTORS.contains(request.sector());
        commands.sendAndWait(new AdmitMember(partnershipId, request.odsCode(), request.name().strip(),
                request.sector(), statutory, request.joinedOn(), request.expectedVersion()));
        return Created.at("/api/partnerships/" + partnershipId + "/members/" + request.odsCode(), request.odsCode());
    }

    record WithdrawalRequest(@NotNull LocalDate on, @NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason,
                             @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/members/{odsCode}/withdrawal")
    ResponseEntity<Created> withdraw(@PathVariable String partnershipId, @PathVariable String odsCode,
                                     @Valid @RequestBody WithdrawalRequest request) {
        commands.sendAndWait(new WithdrawMember(partnershipId, odsCode, request.on(), request.reason(),
                request.expectedVersion()));
        return Created.ok(odsCode);
    }

    record ForumRequest(@Pattern(regexp = Patterns.UUID) String id,
                        @NotBlank @Size(max = Patterns.NAME) String name,
                        @NotNull ForumKind kind,
                        @NotNull @Size(max = 100) List<@NotNull @Pattern(regexp = Patterns.ODS_CODE) String> memberOdsCodes,
                        @NotNull Set<@NotNull ThemeCode> themes,
                        @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/forums")
    ResponseEntity<Created> establish(@PathVariable String partnershipId, @Valid @RequestBody ForumRequest request) {
        String forumId = Patterns.idOrNew(request.id());
        commands.sendAndWait(new EstablishForum(partnershipId, forumId, request.name().strip(), request.kind(),
                request.memberOdsCodes().stream().distinct().toList(), request.themes(), request.expectedVersion()));
        return Created.at("/api/partnerships/" + partnershipId + "/forums/" + forumId, forumId);
    }

    record DelegationRequest(@Pattern(regexp = Patterns.UUID) String id,
                             @NotBlank @Pattern(regexp = Patterns.ODS_CODE) String fromOdsCode,
                             @NotEmpty Set<@NotNull ThemeCode> themes,
                             @NotNull LocalDate effectiveFrom,
                             LocalDate effectiveTo,
                             @PositiveOrZero Long expectedVersion) {
        @AssertTrue(message = "must not be before effectiveFrom")
        boolean isEffectiveTo() {
            return effectiveTo == null || effectiveFrom == null || !effectiveTo.isBefore(effectiveFrom);
        }
    }

    @PostMapping("/{partnershipId}/forums/{forumId}/delegations")
    ResponseEntity<Created> delegate(@PathVariable String partnershipId, @PathVariable String forumId,
                                     @Valid @RequestBody DelegationRequest request) {
        String delegationId = Patterns.idOrNew(request.id());
        commands.sendAndWait(new DelegateAuthority(partnershipId, forumId, delegationId, request.fromOdsCode(),
                request.themes(), request.effectiveFrom(), request.effectiveTo(), request.expectedVersion()));
        return Created.at("/api/partnerships/" + partnershipId + "/forums/" + forumId + "/delegations/"
                + delegationId, delegationId);
    }

    record RevocationRequest(@NotNull LocalDate on, @NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason,
                             @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/forums/{forumId}/delegations/{delegationId}/revocation")
    ResponseEntity<Created> revoke(@PathVariable String partnershipId, @PathVariable String forumId,
                                   @PathVariable String delegationId, @Valid @RequestBody RevocationRequest request) {
        commands.sendAndWait(new RevokeDelegation(partnershipId, forumId, delegationId, request.on(),
                request.reason(), request.expectedVersion()));
        return Created.ok(delegationId);
    }
}
