package uk.nhs.stpgov.query.support;

import org.axonframework.config.ConfigurerModule;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

/**
 * The query projections handle one partnership's events in order, in one segment: the accountability map joins
 * what several aggregates of a partnership recorded (members, decisions, accountabilities), so two segments must
 * never write the same partnership's map rows and counts at once.
 */
@Component
class ProjectionSequencing implements ConfigurerModule {
    @Override
    public void configureModule(org.axonframework.config.Configurer configurer) {
        configurer.eventProcessing().registerSequencingPolicy(ProjectionProgress.GROUP, c -> ProjectionProgress.BY_PARTNERSHIP);
    }
}
