package uk.nhs.stpgov.deploy.demo;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AcceptAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AssignAccountability;
import uk.nhs.stpgov.command.decision.DecisionCommands.RatifyDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RecordDecision;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AdmitMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.DelegateAuthority;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.EstablishForum;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RegisterPartnership;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.MoveServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.ProposeServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.RecordAssuranceTest;
import uk.nhs.stpgov.deploy.security.Role;
import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Demo only: records one sample partnership, North Cumbria, through the command gateway, so its events are hash
 * chained and projected like any other. Runs once per store (skipped when the partnership exists); the events'
 * actor is {@value #ACTOR}.
 */
@Component
@Profile("demo & command")
class DemoPartnershipLoader {
    static final String PARTNERSHIP = "north-cumbria";
    static final String ACTOR = "demo-loader";
    private static final Logger log = LoggerFactory.getLogger(DemoPartnershipLoader.class);

    private final CommandGateway commands;
    private final GovernanceRegistry registry;

    DemoPartnershipLoader(CommandGateway commands, GovernanceRegistry registry) {
        this.commands = commands;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadSamplePartnership() {
        if (registry.partnershipExists(PARTNERSHIP)) {
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                ACTOR, null, Role.authorities(List.of(Role.ADMIN), List.of())));
        try {
            record();
            log.info("Demo profile: recorded the sample partnership '{}'", PARTNERSHIP);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void record() {
        LocalDate formed = LocalDate.of(2016, 3, 1);
        send(new RegisterPartnership(PARTNERSHIP, "North Cumbria Health & Care System", "North East and Cumbria"));
        send(new AdmitMember(PARTNERSHIP, "RNN", "North Cumbria Integrated Care NHS Foundation Trust",
                Sector.FOUNDATION_TRUST, true, formed));
        send(new AdmitMember(PARTNERSHIP, "01H", "NHS North Cumbria CCG", Sector.CCG, true, formed));
        send(new AdmitMember(PARTNERSHIP, "16C", "Cumbria County Council", Sector.LOCAL_AUTHORITY, true, formed));
        send(new AdmitMember(PARTNERSHIP, "Y02617", "Cumbria Health On Call (GPs' Federation)",
                Sector.GP_FEDERATION, false, LocalDate.of(2016, 9, 1)));

        String forum = UUID.randomUUID().toString();
        send(new EstablishForum(PARTNERSHIP, forum, "North Cumbria Joint Committee", ForumKind.JOINT_COMMITTEE,
                List.of("RNN", "01H", "16C"), Set.of(ThemeCode.DECISIONS, ThemeCode.FINANCE, ThemeCode.RISK)));
        send(new DelegateAuthority(PARTNERSHIP, forum, UUID.randomUUID().toString(), "01H", Set.of(ThemeCode.FINANCE),
                LocalDate.of(2017, 4, 1), LocalDate.of(2020, 3, 31)));

        String maternity = UUID.randomUUID().toString();
        send(new ProposeServiceChange(maternity, PARTNERSHIP, "Consultant-led maternity at West Cumberland Hospital",
                ServiceChangeKind.RECONFIGURATION, Set.of(ThemeCode.ENGAGEMENT), "RNN",
                "'Healthcare for the Future', option 1: keep consultant-led births at Whitehaven for a 12-month trial"));
        send(new RecordAssuranceTest(maternity, AssuranceTest.PUBLIC_ENGAGEMENT, AssuranceResult.MET,
                "14-week public consultation; 15 public meetings across West, North and East Cumbria"));
        send(new MoveServiceChange(maternity, Stage.ENGAGEMENT, "Joint Committee, 5 May 2016"));

        String controlTotal = UUID.randomUUID().toString();
        send(new RecordDecision(controlTotal, PARTNERSHIP, "Agree the system control total for 2017/18",
                ThemeCode.FINANCE, forum, null, List.of("RNN", "01H"), DecisionOutcome.APPROVED,
                "Within the financial envelope agreed with NHS England and NHS Improvement", LocalDate.of(2017, 3, 30),
                null));
        send(new RatifyDecision(controlTotal, "01H", LocalDate.of(2017, 4, 12)));
        send(new RecordDecision(UUID.randomUUID().toString(), PARTNERSHIP,
                "Consult on community hospital beds at Alston, Maryport and Wigton", ThemeCode.DECISIONS, forum,
                null, List.of("01H"), DecisionOutcome.APPROVED,
                "The CCG's governing body takes the decision; the Trust's board is consulted", LocalDate.of(2016, 9, 20),
                null));

        String finance = UUID.randomUUID().toString();
        send(new AssignAccountability(finance, PARTNERSHIP, Subject.theme(ThemeCode.FINANCE), RaciRole.ACCOUNTABLE,
                "RNN", "Director of Finance", "Siobhan O'Neill", LocalDate.of(2017, 4, 1), LocalDate.of(2018, 3, 31),
                false));
        send(new AcceptAccountability(finance, LocalDate.of(2017, 4, 3)));
        send(new AssignAccountability(UUID.randomUUID().toString(), PARTNERSHIP, Subject.theme(ThemeCode.ENGAGEMENT),
                RaciRole.RESPONSIBLE, "01H", "Director of Communications and Engagement", "Ruth O'Hara",
                LocalDate.of(2016, 5, 1), null, false));
    }

    private void send(Object command) {
        commands.sendAndWait(command);
    }
}
