package uk.nhs.stpgov.command.servicechange;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.MoveServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.ProposeServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.RecordAssuranceTest;
import uk.nhs.stpgov.command.common.BusinessDay;
import uk.nhs.stpgov.command.web.Created;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.events.Storable.MultiLine;
import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

@RestController
class ServiceChangeCommandController {
    private final CommandGateway commands;
    private final BusinessDay businessDay;

    ServiceChangeCommandController(CommandGateway commands, BusinessDay businessDay) {
        this.commands = commands;
        this.businessDay = businessDay;
    }

    record ProposalRequest(@Pattern(regexp = Patterns.UUID) String id,
                           @NotBlank @Size(max = Patterns.NAME) String title,
                           @NotNull ServiceChangeKind kind,
                           @NotEmpty Set<@NotNull ThemeCode> themes,
                           Boolean substantial,
                           @NotBlank @Pattern(regexp = Patterns.ODS_CODE) String leadOdsCode,
                           @MultiLine @Size(max = Patterns.TEXT) String description,
                           LocalDate proposedOn) {
    }

    @PostMapping("/api/partnerships/{partnershipId}/service-changes")
    ResponseEntity<Created> propose(@PathVariable String partnershipId, @Valid @RequestBody ProposalRequest request) {
        String id = Patterns.idOrNew(request.id());
        commands.sendAndWait(new ProposeServiceChange(id, partnershipId, request.title().strip(), request.kind(),
                request.themes(), request.leadOdsCode(), request.description(),
                request.substantial() != null ? request.substantial() : request.kind().substantialByDefault(),
                request.proposedOn() != null ? request.proposedOn() : businessDay.today()));
        return Created.at("/api/service-changes/" + id, id);
    }

    record AssuranceTestRequest(@NotNull AssuranceTest test, @NotNull AssuranceResult result,
                                @NotBlank @MultiLine @Size(max = Patterns.TEXT) String evidence,
                                @NotNull LocalDate assessedOn,
                                @NotBlank @Size(max = Patterns.NAME) String assessor,
                                @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/api/service-changes/{serviceChangeId}/assurance-tests")
    ResponseEntity<Created> assurance(@PathVariable String serviceChangeId,
                                      @Valid @RequestBody AssuranceTestRequest request) {
        commands.sendAndWait(new RecordAssuranceTest(serviceChangeId, request.test(), request.result(),
                request.evidence(), request.assessedOn(), request.assessor().strip(), request.expectedVersion()));
        return Created.ok(serviceChangeId);
    }

    record StageRequest(@NotNull Stage stage, @MultiLine @Size(max = Patterns.TEXT) String note,
                        @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/api/service-changes/{serviceChangeId}/stage")
    ResponseEntity<Created> stage(@PathVariable String serviceChangeId, @Valid @RequestBody StageRequest request) {
        commands.sendAndWait(new MoveServiceChange(serviceChangeId, request.stage(), request.note(),
                request.expectedVersion()));
        return Created.ok(serviceChangeId);
    }
}
