package uk.nhs.stpgov.command.assessment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AssessTheme;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RecordConfidence;
import uk.nhs.stpgov.command.web.Created;
import uk.nhs.stpgov.command.web.InvalidRequest;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.events.Storable.MultiLine;
import uk.nhs.stpgov.events.ConfidenceLevel;
import uk.nhs.stpgov.events.MaturityRating;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.themes.ThemeCatalog;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** Theme self-assessments and leaders' confidence; both are kept as histories on the partnership. */
@RestController
@RequestMapping("/api/partnerships/{partnershipId}")
class AssessmentCommandController {
    private final CommandGateway commands;
    private final ThemeCatalog themes;
    private final Clock clock;

    AssessmentCommandController(CommandGateway commands, ThemeCatalog themes, Clock clock) {
        this.commands = commands;
        this.themes = themes;
        this.clock = clock;
    }

    record ThemeAssessmentRequest(@NotNull ThemeCode theme,
                                  @NotNull MaturityRating rating,
                                  @MultiLine @Size(max = 10) Map<@NotBlank @Size(max = 40) String,
                                          @NotNull @Size(max = Patterns.TEXT) String> answers,
                                  @NotNull LocalDate assessedOn,
                                  @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/theme-assessments")
    ResponseEntity<Created> assess(@PathVariable String partnershipId,
                                   @Valid @RequestBody ThemeAssessmentRequest request) {
        Map<String, String> answers = request.answers() == null ? Map.of() : request.answers();
        try {
            themes.requireQuestions(request.theme(), answers.keySet());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("answers", e.getMessage());
        }
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new AssessTheme(partnershipId, id, request.theme(), request.rating(), answers,
                request.assessedOn(), request.expectedVersion()));
        return Created.ok(id);
    }

    record ConfidenceRequest(@NotBlank @Size(max = Patterns.NAME) String respondentRole,
                             @NotNull ConfidenceLevel level,
                             @NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason,
                             @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/confidence")
    ResponseEntity<Created> confidence(@PathVariable String partnershipId,
                                       @Valid @RequestBody ConfidenceRequest request) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordConfidence(partnershipId, id, request.respondentRole().strip(),
                request.level(), request.reason(), LocalDate.now(clock), request.expectedVersion()));
        return Created.ok(id);
    }
}
