package uk.nhs.stpgov.command.decision;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import uk.nhs.stpgov.command.decision.DecisionCommands.RatifyDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RecordDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RescindDecision;
import uk.nhs.stpgov.command.web.Created;
import uk.nhs.stpgov.command.web.CsvImport;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.events.Storable.MultiLine;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.List;

@RestController
class DecisionCommandController {
    private final CommandGateway commands;
    private final CsvImport imports;

    DecisionCommandController(CommandGateway commands, CsvImport imports) {
        this.commands = commands;
        this.imports = imports;
    }

    record DecisionRequest(@Pattern(regexp = Patterns.UUID) String id,
                           @NotBlank @Size(max = Patterns.NAME) String title,
                           @NotNull ThemeCode theme,
                           @Pattern(regexp = Patterns.UUID) String forumId,
                           @Pattern(regexp = Patterns.UUID) String serviceChangeId,
                           @Size(max = 50) List<@NotNull @Pattern(regexp = Patterns.ODS_CODE) String> decidingOdsCodes,
                           @NotNull DecisionOutcome outcome,
                           @MultiLine @Size(max = Patterns.TEXT) String rationale,
                           @NotNull LocalDate decidedOn,
                           @Pattern(regexp = Patterns.UUID) String supersedes) {
    }

    @PostMapping("/api/partnerships/{partnershipId}/decisions")
    ResponseEntity<Created> record(@PathVariable String partnershipId, @Valid @RequestBody DecisionRequest request) {
        RecordDecision command = toCommand(partnershipId, request);
        commands.sendAndWait(command);
        return Created.at("/api/decisions/" + command.decisionId(), command.decisionId());
    }

    /** Columns as in the JSON body; {@code decidingOdsCodes} separated by spaces or semicolons. */
    @PostMapping(path = "/api/partnerships/{partnershipId}/imports/decisions", consumes = "text/csv")
    ResponseEntity<?> importDecisions(@PathVariable String partnershipId, @RequestBody String csv) {
        return imports.run(partnershipId, csv, List.of("title", "theme", "outcome", "decidedOn"),
                row -> new DecisionRequest(row.text("id"), row.text("title"), row.value("theme", ThemeCode.class),
                        row.text("forumId"), row.text("serviceChangeId"), row.list("decidingOdsCodes"),
                        row.value("outcome", DecisionOutcome.class), row.multiLineText("rationale"), row.date("decidedOn"),
                        row.text("supersedes")),
                request -> {
                    RecordDecision command = toCommand(partnershipId, request);
                    return new CsvImport.Prepared(command, command.decisionId());
                });
    }

    private static RecordDecision toCommand(String partnershipId, DecisionRequest request) {
        List<String> deciding = request.decidingOdsCodes() == null ? List.of()
                : request.decidingOdsCodes().stream().distinct().toList();
        return new RecordDecision(Patterns.idOrNew(request.id()), partnershipId, request.title().strip(),
                request.theme(), request.forumId(), request.serviceChangeId(), deciding, request.outcome(),
                request.rationale(), request.decidedOn(), request.supersedes());
    }

    record RatificationRequest(@NotBlank @Pattern(regexp = Patterns.ODS_CODE) String odsCode,
                               @NotNull LocalDate ratifiedOn,
                               @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/api/decisions/{decisionId}/ratifications")
    ResponseEntity<Created> ratify(@PathVariable String decisionId, @Valid @RequestBody RatificationRequest request) {
        commands.sendAndWait(new RatifyDecision(decisionId, request.odsCode(), request.ratifiedOn(),
                request.expectedVersion()));
        return Created.ok(decisionId);
    }

    record RescissionRequest(@NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason, @NotNull LocalDate on,
                             @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/api/decisions/{decisionId}/rescission")
    ResponseEntity<Created> rescind(@PathVariable String decisionId, @Valid @RequestBody RescissionRequest request) {
        commands.sendAndWait(new RescindDecision(decisionId, request.reason(), request.on(),
                request.expectedVersion()));
        return Created.ok(decisionId);
    }
}
