package uk.nhs.stpgov.query.support;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

/**
 * The query projections handle one partnership's events in order, in one segment: the accountability map joins
 * what several aggregates of a partnership recorded (members, decisions, accountabilities), so two segments must
 * never write the same partnership's map rows and counts at once.
 */
@Component
class ProjectionSequencing implements ConfigurerModule {
    static final SequencingPolicy<EventMessage<?>> BY_PARTNERSHIP = event ->
            event.getPayload() instanceof GovernanceEvent governance ? governance.partnershipId() : null;

    @Override
    public void configureModule(org.axonframework.config.Configurer configurer) {
        configurer.eventProcessing().registerSequencingPolicy(ProjectionProgress.GROUP, c -> BY_PARTNERSHIP);
    }
}
