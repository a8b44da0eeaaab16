package uk.nhs.stpgov.command.servicechange;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.MoveServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.ProposeServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.RecordAssuranceTest;
import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A proposed change to services, moving through engagement and consultation to a decision and delivery. */
@Aggregate(cache = "aggregateCache")
public class ServiceChange {

    @AggregateIdentifier
    private String serviceChangeId;
    private String partnershipId;
    private ServiceChangeKind kind;
    private Set<ThemeCode> themes;
    private Stage stage;
    private final Map<AssuranceTest, AssuranceResult> assurance = new EnumMap<>(AssuranceTest.class);

    protected ServiceChange() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    public ServiceChange(ProposeServiceChange command, GovernanceRegistry registry) {
        registry.requirePartnership(command.partnershipId());
        registry.requireCurrentMember(command.partnershipId(), command.leadOdsCode());
        apply(new ServiceChangeProposed(command.serviceChangeId(), command.partnershipId(), command.title(),
                command.kind(), command.themes(), command.leadOdsCode(), command.description()));
    }

    @CommandHandler
    void handle(RecordAssuranceTest command) {
        if (!stage.isOpen()) {
            throw new RuleViolation("Service change " + serviceChangeId + " is " + stage
                    + ": assurance can no longer be recorded");
        }
        apply(new AssuranceTestRecorded(serviceChangeId, partnershipId, themes, command.test(), command.result(),
                command.evidence()));
    }

    @CommandHandler
    void handle(MoveServiceChange command) {
        Stage target = command.stage();
        if (!stage.canMoveTo(target)) {
            throw new RuleViolation("Service change " + serviceChangeId + " cannot move from " + stage + " to "
                    + target + (stage.isOpen() ? "; next allowed: " + stage.next() : ""));
        }
        if (target == Stage.DECIDED && kind.needsFullAssurance()) {
            List<AssuranceTest> unmet = Arrays.stream(AssuranceTest.values())
                    .filter(test -> !assurance.containsKey(test) || !assurance.get(test).passes())
                    .toList();
            if (!unmet.isEmpty()) {
                throw new RuleViolation("A " + kind + " cannot be decided until every assurance test is MET or "
                        + "NOT_APPLICABLE; not yet: " + unmet);
            }
        }
        apply(new ServiceChangeAdvanced(serviceChangeId, partnershipId, themes, stage, target, command.note()));
    }

    @EventSourcingHandler
    void on(ServiceChangeProposed event) {
        serviceChangeId = event.serviceChangeId();
        partnershipId = event.partnershipId();
        kind = event.kind();
        themes = event.themes();
        stage = Stage.PROPOSED;
    }

    @EventSourcingHandler
    void on(AssuranceTestRecorded event) {
        assurance.put(event.test(), event.result());
    }

    @EventSourcingHandler
    void on(ServiceChangeAdvanced event) {
        stage = event.to();
    }
}
