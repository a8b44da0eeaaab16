package uk.nhs.stpgov.command.assessment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.command.assessment.AssessmentCommands.AssessTheme;
import uk.nhs.stpgov.command.assessment.AssessmentCommands.RecordConfidence;
import uk.nhs.stpgov.command.web.Created;
import uk.nhs.stpgov.command.web.InvalidRequest;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.events.Storable.MultiLine;
import uk.nhs.stpgov.events.ConfidenceLevel;
import uk.nhs.stpgov.events.MaturityRating;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;
import uk.nhs.stpgov.events.themes.ThemeCatalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Theme self-assessments and leaders' confidence; both are kept as histories in the partnership's assessments. */
@RestController
@RequestMapping("/api/partnerships/{partnershipId}")
class AssessmentCommandController {
    private final CommandGateway commands;
    private final ThemeCatalog themes;

    AssessmentCommandController(CommandGateway commands, ThemeCatalog themes) {
        this.commands = commands;
        this.themes = themes;
    }

    record ThemeAssessmentRequest(@NotNull ThemeCode theme,
                                  @NotNull MaturityRating rating,
                                  @MultiLine @Size(max = 10) Map<@NotBlank @Size(max = 40) String,
                                          @NotNull @Size(max = Patterns.TEXT) String> answers,
                                  @NotNull LocalDate assessedOn,
                                  @PositiveOrZero Long expectedVersion) {
    }

    /** Answers are keyed by question id; the event keeps each question's text as configured now. */
    @PostMapping("/theme-assessments")
    ResponseEntity<Created> assess(@PathVariable String partnershipId,
                                   @Valid @RequestBody ThemeAssessmentRequest request) {
        Map<String, String> answers = request.answers() == null ? Map.of() : new TreeMap<>(request.answers());
        try {
            themes.requireQuestions(request.theme(), answers.keySet());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("answers", e.getMessage());
        }
        Map<String, String> texts = new TreeMap<>();
        themes.theme(request.theme()).questions().forEach(q -> texts.put(q.id(), q.text()));
        // A rating says how far the partnership has come on the theme's questions; without one answer it says nothing.
        if (answers.values().stream().allMatch(String::isBlank)) {
            throw new InvalidRequest("answers", "A self-assessment of " + request.theme()
                    + " answers at least one of its questions: " + texts.keySet());
        }
        List<ThemeAssessed.Answer> asked = answers.entrySet().stream()
                .map(a -> new ThemeAssessed.Answer(a.getKey(), texts.get(a.getKey()), a.getValue())).toList();
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new AssessTheme(Assessments.idOf(partnershipId), partnershipId, id, request.theme(),
                request.rating(), asked, request.assessedOn(), request.expectedVersion()));
        return Created.ok(id);
    }

    record ConfidenceRequest(@NotBlank @MultiLine @Size(max = Patterns.TEXT) String question,
                             @NotBlank @Pattern(regexp = Patterns.ODS_CODE) String respondentOdsCode,
                             @NotBlank @Size(max = Patterns.NAME) String respondentRole,
                             @NotNull ConfidenceLevel level,
                             @NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason,
                             @NotNull LocalDate on,
                             @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/confidence")
    ResponseEntity<Created> confidence(@PathVariable String partnershipId,
                                       @Valid @RequestBody ConfidenceRequest request) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordConfidence(Assessments.idOf(partnershipId), partnershipId, id,
                request.question().strip(), request.respondentOdsCode(), request.respondentRole().strip(),
                request.level(), request.reason().strip(), request.on(), request.expectedVersion()));
        return Created.ok(id);
    }
}
