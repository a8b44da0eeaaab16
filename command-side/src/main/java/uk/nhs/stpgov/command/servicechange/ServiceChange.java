package uk.nhs.stpgov.command.servicechange;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.stpgov.command.common.BusinessDay;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A proposed change to services, moving through engagement and consultation to a decision and delivery. */
@Aggregate(cache = "aggregateCache")
public class ServiceChange {

    @AggregateIdentifier
    private String serviceChangeId;
    private String partnershipId;
    private ServiceChangeKind kind;
    private boolean substantial;
    private Set<ThemeCode> themes;
    private Stage stage;
    /** Each test's results in the order recorded; {@link #inForce} picks the one in force on a day. */
    private final Map<AssuranceTest, List<Assessed>> assurance = new EnumMap<>(AssuranceTest.class);

    private record Assessed(AssuranceResult result, LocalDate on) {
    }

    protected ServiceChange() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    public ServiceChange(ProposeServiceChange command, GovernanceRegistry registry) {
        registry.requirePartnership(command.partnershipId());
        registry.requireMemberOn(command.partnershipId(), command.leadOdsCode(), command.proposedOn());
        apply(new ServiceChangeProposed(command.serviceChangeId(), command.partnershipId(), command.title(),
                command.kind(), command.themes(), command.leadOdsCode(), command.description(),
                command.substantial(), command.proposedOn()));
    }

    @CommandHandler
    void handle(RecordAssuranceTest command, BusinessDay businessDay) {
        businessDay.requireNotAfterToday(command.assessedOn(), "An assurance test");
        if (!stage.isOpen()) {
            throw new RuleViolation("Service change " + serviceChangeId + " is " + stage
                    + ": assurance can no longer be recorded");
        }
        apply(new AssuranceTestRecorded(serviceChangeId, partnershipId, themes, command.test(), command.result(),
                command.evidence(), command.assessedOn(), command.assessor()));
    }

    @CommandHandler
    void handle(MoveServiceChange command, BusinessDay businessDay) {
        Stage target = command.stage();
        if (!stage.canMoveTo(target, substantial)) {
            throw new RuleViolation("Service change " + serviceChangeId + " (" + (substantial ? "" : "not ")
                    + "substantial) cannot move from " + stage + " to " + target
                    + (stage.isOpen() ? "; next allowed: " + stage.next(substantial) : ""));
        }
        if (stage == Stage.DECIDED && target == Stage.CONSULTATION
                && (command.note() == null || command.note().isBlank())) {
            throw new RuleViolation("Going back to consultation after a decision needs a note saying why "
                    + "(for example the referral)");
        }
        if (target == Stage.DECIDED) {
            // A move takes effect the day it is recorded: judged by the results in force today.
            LocalDate today = businessDay.today();
            List<AssuranceTest> unmet = requiredTests().stream()
                    .filter(test -> inForce(test, today).map(result -> !result.passes()).orElse(true))
                    .toList();
            if (!unmet.isEmpty()) {
                throw new RuleViolation("This " + (substantial ? "substantial " : "") + kind + " cannot be decided "
                        + "until these assurance tests are MET or NOT_APPLICABLE: " + unmet);
            }
        }
        apply(new ServiceChangeAdvanced(serviceChangeId, partnershipId, themes, stage, target, command.note()));
    }

    /**
     * A substantial change needs the four tests; a closure or bed reduction also needs the bed-closure test, whether or
     * not it is substantial.
     */
    private List<AssuranceTest> requiredTests() {
        List<AssuranceTest> required = new java.util.ArrayList<>();
        if (substantial) {
            required.addAll(List.of(AssuranceTest.GP_COMMISSIONER_SUPPORT, AssuranceTest.PUBLIC_ENGAGEMENT,
                    AssuranceTest.CLINICAL_EVIDENCE, AssuranceTest.PATIENT_CHOICE));
        }
        if (kind.needsFullAssurance()) {
            required.add(AssuranceTest.BED_CLOSURE);
        }
        return required;
    }

    @EventSourcingHandler
    void on(ServiceChangeProposed event) {
        serviceChangeId = event.serviceChangeId();
        partnershipId = event.partnershipId();
        kind = event.kind();
        substantial = event.substantial();
        themes = event.themes();
        stage = Stage.PROPOSED;
    }

    /**
     * The test's result in force on the day: the one assessed on the latest day up to it (of the same day, the one
     * recorded last), as the query side judges ASSURANCE_NOT_MET; a back-loaded earlier assessment does not replace a
     * later one, and one dated after the day (stored before such dates were refused) is not in force yet. Results of
     * revision 1 carry no day and count from when they were recorded.
     */
    private Optional<AssuranceResult> inForce(AssuranceTest test, LocalDate day) {
        Assessed inForce = null;
        for (Assessed assessed : assurance.getOrDefault(test, List.of())) {
            if (assessed.on() != null && assessed.on().isAfter(day)) {
                continue;
            }
            if (inForce == null || inForce.on() == null || assessed.on() == null
                    || !assessed.on().isBefore(inForce.on())) {
                inForce = assessed;
            }
        }
        return Optional.ofNullable(inForce).map(Assessed::result);
    }

    @EventSourcingHandler
    void on(AssuranceTestRecorded event) {
        assurance.computeIfAbsent(event.test(), test -> new ArrayList<>())
                .add(new Assessed(event.result(), event.assessedOn()));
    }

    @EventSourcingHandler
    void on(ServiceChangeAdvanced event) {
        stage = event.to();
    }
}
