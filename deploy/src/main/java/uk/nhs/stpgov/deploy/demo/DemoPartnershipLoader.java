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
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.ReviewAccountability;
import uk.nhs.stpgov.command.decision.DecisionCommands.RatifyDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RecordDecision;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AdmitMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.ChangeStatus;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.SucceedMember;
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
import uk.nhs.stpgov.events.DecisionPosition;
import uk.nhs.stpgov.events.PartnershipStatus;
import uk.nhs.stpgov.events.Position;
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

    /**
     * A true story as far as the public record goes: the STP's bodies as they were in 2016, North Cumbria University
     * Hospitals (RNL) merging into Cumbria Partnership NHS FT (RNN, renamed North Cumbria Integrated Care) on
     * 2019-10-01, the CCG (01H) succeeded by the North East and North Cumbria ICB (QHM) on 2022-07-01, and the
     * partnership becoming an ICS and then a statutory one. Forum membership, posts and people are illustrative.
     */
    private void record() {
        LocalDate formed = LocalDate.of(2016, 3, 1);
        send(new RegisterPartnership(PARTNERSHIP, "West, North and East Cumbria STP", "North East and Cumbria"));
        send(new AdmitMember(PARTNERSHIP, "RNL", "North Cumbria University Hospitals NHS Trust", Sector.NHS_TRUST,
                true, formed));
        send(new AdmitMember(PARTNERSHIP, "RNN", "Cumbria Partnership NHS Foundation Trust", Sector.FOUNDATION_TRUST,
                true, formed));
        send(new AdmitMember(PARTNERSHIP, "01H", "NHS North Cumbria CCG", Sector.CCG, true, formed));
        send(new AdmitMember(PARTNERSHIP, "16C", "Cumbria County Council", Sector.LOCAL_AUTHORITY, true, formed));
        send(new AdmitMember(PARTNERSHIP, "Y02617", "Cumbria Health On Call (GPs' Federation)",
                Sector.GP_FEDERATION, false, LocalDate.of(2016, 9, 1)));

        String forum = UUID.randomUUID().toString();
        send(new EstablishForum(PARTNERSHIP, forum, "North Cumbria Joint Committee", ForumKind.JOINT_COMMITTEE,
                List.of("RNL", "RNN", "01H", "16C"), Set.of(ThemeCode.DECISIONS, ThemeCode.FINANCE, ThemeCode.RISK),
                LocalDate.of(2016, 5, 5)));
        send(new DelegateAuthority(PARTNERSHIP, forum, UUID.randomUUID().toString(), "01H", Set.of(ThemeCode.FINANCE),
                LocalDate.of(2017, 4, 1), LocalDate.of(2020, 3, 31)));

        String maternity = UUID.randomUUID().toString();
        send(new ProposeServiceChange(maternity, PARTNERSHIP, "Consultant-led maternity at West Cumberland Hospital",
                ServiceChangeKind.RECONFIGURATION, Set.of(ThemeCode.ENGAGEMENT), "RNL",
                "'Healthcare for the Future', option 1: keep consultant-led births at Whitehaven for a 12-month trial",
                true, LocalDate.of(2016, 9, 19)));
        send(new RecordAssuranceTest(maternity, AssuranceTest.PUBLIC_ENGAGEMENT, AssuranceResult.MET,
                "14-week public consultation; 15 public meetings across West, North and East Cumbria",
                LocalDate.of(2016, 12, 7), "NHS England (North) assurance panel"));
        send(new MoveServiceChange(maternity, Stage.ENGAGEMENT, "Joint Committee, 19 September 2016"));

        String controlTotal = UUID.randomUUID().toString();
        send(new RecordDecision(controlTotal, PARTNERSHIP, "Agree the system control total for 2017/18",
                ThemeCode.FINANCE, forum, null, List.of("RNL", "RNN", "01H"), DecisionOutcome.APPROVED,
                "Within the financial envelope agreed with NHS England and NHS Improvement", LocalDate.of(2017, 3, 30),
                null, "JC/2017/007", List.of(new DecisionPosition("RNL", Position.SUPPORTS),
                new DecisionPosition("RNN", Position.SUPPORTS), new DecisionPosition("01H", Position.SUPPORTS),
                new DecisionPosition("16C", Position.ABSTAINS))));
        send(new RatifyDecision(controlTotal, "01H", LocalDate.of(2017, 4, 12)));
        send(new RecordDecision(UUID.randomUUID().toString(), PARTNERSHIP,
                "Consult on community hospital beds at Alston, Maryport and Wigton", ThemeCode.DECISIONS, forum,
                null, List.of("01H"), DecisionOutcome.APPROVED,
                "The CCG's governing body takes the decision; the Trusts' boards are consulted",
                LocalDate.of(2016, 9, 20), null, "JC/2016/021", List.of()));

        String finance = UUID.randomUUID().toString();
        send(new AssignAccountability(finance, PARTNERSHIP, Subject.theme(ThemeCode.FINANCE), RaciRole.ACCOUNTABLE,
                "RNL", "Director of Finance", "Siobhan O'Neill", LocalDate.of(2017, 4, 1), LocalDate.of(2018, 3, 31),
                false));
        send(new AcceptAccountability(finance, LocalDate.of(2017, 4, 3)));
        send(new ReviewAccountability(finance, LocalDate.of(2018, 3, 20), LocalDate.of(2019, 3, 31),
                "Reviewed by the Joint Committee with the 2018/19 plan"));
        send(new AssignAccountability(UUID.randomUUID().toString(), PARTNERSHIP, Subject.theme(ThemeCode.ENGAGEMENT),
                RaciRole.RESPONSIBLE, "01H", "Director of Communications and Engagement", "Ruth O'Hara",
                LocalDate.of(2016, 5, 1), null, false));

        // The acute trust merges into the community and mental health trust, which takes its new name.
        send(new SucceedMember(PARTNERSHIP, "RNL", "RNN", "North Cumbria Integrated Care NHS Foundation Trust",
                Sector.FOUNDATION_TRUST, true, LocalDate.of(2019, 10, 1),
                "Merger: North Cumbria University Hospitals joins Cumbria Partnership NHS FT"));
        send(new ChangeStatus(PARTNERSHIP, PartnershipStatus.ICS,
                "North Cumbria Health and Care System (North East and North Cumbria ICS)", LocalDate.of(2020, 4, 1)));
        // Health and Care Act 2022: CCGs are replaced by ICBs.
        send(new SucceedMember(PARTNERSHIP, "01H", "QHM", "NHS North East and North Cumbria Integrated Care Board",
                Sector.ICB, true, LocalDate.of(2022, 7, 1), "Health and Care Act 2022: CCGs replaced by ICBs"));
        send(new ChangeStatus(PARTNERSHIP, PartnershipStatus.STATUTORY_ICS,
                "North East and North Cumbria ICS: North Cumbria", LocalDate.of(2022, 7, 1)));
    }

    private void send(Object command) {
        commands.sendAndWait(command);
    }
}
