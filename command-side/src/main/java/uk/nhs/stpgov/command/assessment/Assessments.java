package uk.nhs.stpgov.command.assessment;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.stpgov.command.assessment.AssessmentCommands.AssessTheme;
import uk.nhs.stpgov.command.assessment.AssessmentCommands.RecordConfidence;
import uk.nhs.stpgov.command.common.BusinessDay;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.events.assessment.ConfidenceRecorded;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;


import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A partnership's self-assessments and confidence records, kept in their own stream (id {@code <partnership>:assessments})
 * so that they no longer lengthen the partnership's, which every membership and forum command loads. Created by its
 * first record. Streams written before this aggregate existed keep their old ThemeAssessed and ConfidenceRecorded
 * events in the partnership's stream; the query side reads both alike.
 */
@Aggregate(cache = "aggregateCache")
public class Assessments {
    private static final String SUFFIX = ":assessments";

    @AggregateIdentifier
    private String assessmentsId;

    protected Assessments() {
        // Required by Axon to rebuild the aggregate from its events, and to create it on its first record.
    }

    public static String idOf(String partnershipId) {
        return partnershipId + SUFFIX;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AssessTheme command, GovernanceRegistry registry, BusinessDay businessDay) {
        registry.requirePartnership(command.partnershipId());
        businessDay.requireNotAfterToday(command.assessedOn(), "An assessment");
        // The REST edge answers 400 first; this keeps any other sender from recording a rating that answers nothing.
        if (command.answers().stream().allMatch(a -> a.answer() == null || a.answer().isBlank())) {
            throw new RuleViolation("A self-assessment of " + command.theme()
                    + " answers at least one of its questions");
        }
        assessmentsId = command.assessmentsId();
        apply(new ThemeAssessed(command.partnershipId(), command.assessmentId(), command.theme(), command.rating(),
                command.answers(), command.assessedOn()));
    }

    /** The respondent's organisation must have been a member on the day the answer was given. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordConfidence command, GovernanceRegistry registry, BusinessDay businessDay) {
        registry.requirePartnership(command.partnershipId());
        businessDay.requireNotAfterToday(command.on(), "A confidence answer");
        registry.requireMemberOn(command.partnershipId(), command.respondentOdsCode(), command.on());
        assessmentsId = command.assessmentsId();
        apply(new ConfidenceRecorded(command.partnershipId(), command.assessmentId(), command.respondentRole(),
                command.level(), command.reason(), command.on(), command.question(), command.respondentOdsCode()));
    }

    @EventSourcingHandler
    void on(ThemeAssessed event) {
        assessmentsId = idOf(event.partnershipId());
    }

    @EventSourcingHandler
    void on(ConfidenceRecorded event) {
        assessmentsId = idOf(event.partnershipId());
    }
}
