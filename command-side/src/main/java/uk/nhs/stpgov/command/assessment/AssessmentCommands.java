package uk.nhs.stpgov.command.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import uk.nhs.stpgov.events.ConfidenceLevel;
import uk.nhs.stpgov.events.MaturityRating;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;

import java.time.LocalDate;
import java.util.List;

/** Commands handled by the {@link Assessments} aggregate, addressed by {@link Assessments#idOf(String)}. */
public final class AssessmentCommands {
    private AssessmentCommands() {
    }

    public record AssessTheme(@TargetAggregateIdentifier String assessmentsId, String partnershipId,
                              String assessmentId, ThemeCode theme, MaturityRating rating,
                              List<ThemeAssessed.Answer> answers, LocalDate assessedOn,
                              @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordConfidence(@TargetAggregateIdentifier String assessmentsId, String partnershipId,
                                   String assessmentId, String question, String respondentOdsCode,
                                   String respondentRole, ConfidenceLevel level, String reason, LocalDate on,
                                   @TargetAggregateVersion Long expectedVersion) {
    }
}
