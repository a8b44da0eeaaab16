package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.gaps.Gap.SubjectRef;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DecisionFacts;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DelegationFacts;
import uk.nhs.stpgov.query.gaps.SubjectFacts.ServiceChangeFacts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small builder of subject facts for the rule tests: Leeds bodies, a theme or a decision. */
final class Facts {
    static final LocalDate D = LocalDate.of(2019, 4, 1);
    static final Body TRUST = new Body("RR8", "Leeds Teaching Hospitals NHS Trust", true, LocalDate.of(2016, 4, 1), null);
    static final Body CCG = new Body("15F", "NHS Leeds CCG", true, LocalDate.of(2016, 4, 1), null);
    static final Body GP_FED = new Body("Y05986", "Leeds GP Confederation", false, LocalDate.of(2016, 4, 1), null);

    private SubjectRef subject = new SubjectRef("THEME", "FINANCE", "Finance");
    private Needs needs = Needs.NEVER;
    private final List<Assignment> assignments = new ArrayList<>();
    private final Map<String, Body> bodies = new HashMap<>(Map.of("RR8", TRUST, "15F", CCG, "Y05986", GP_FED));
    private DecisionFacts decision;
    private ServiceChangeFacts change;

    static Facts theme() {
        return new Facts();
    }

    Facts needs(LocalDate since) {
        needs = Needs.from(since);
        return this;
    }

    Facts needs(Needs periods) {
        needs = periods;
        return this;
    }

    Facts assign(String id, RaciRole role, String ods, LocalDate from) {
        return assign(id, role, ods, from, null, null, null);
    }

    Facts assign(String id, RaciRole role, String ods, LocalDate from, LocalDate reviewBy, LocalDate acceptedOn,
                 LocalDate relinquishedOn) {
        assignments.add(new Assignment(id, role, ods, "Director", null, from, reviewBy, false, from, acceptedOn,
                relinquishedOn));
        return this;
    }

    /**
     * An assignment that changed hands on {@code handover}: {@code firstOds} held it from {@code from} (accepted on
     * {@code firstAccepted}, or not), {@code nextOds} from the handover (accepted on {@code nextAccepted}).
     */
    Facts handedOver(String id, RaciRole role, String firstOds, LocalDate from, LocalDate firstAccepted,
                     LocalDate handover, String nextOds, LocalDate nextAccepted) {
        assignments.add(new Assignment(id, role, firstOds, "Director", null, from, null, false, from, firstAccepted,
                null, handover));
        assignments.add(new Assignment(id, role, nextOds, "Director", null, from, null, false, handover, nextAccepted,
                null));
        return this;
    }

    /** A body's spell holding an assignment, from {@code from} until the next spell's day. */
    record Spell(String ods, LocalDate from) {
    }

    /**
     * An assignment handed from body to body: the first spell from its effectiveFrom, each later one from its transfer
     * day; relinquished on {@code relinquishedOn} (null: not). Nobody accepted it.
     */
    Facts held(String id, RaciRole role, LocalDate relinquishedOn, Spell... spells) {
        LocalDate from = spells[0].from();
        for (int i = 0; i < spells.length; i++) {
            LocalDate until = i + 1 < spells.length ? spells[i + 1].from() : null;
            assignments.add(new Assignment(id, role, spells[i].ods(), "Director", null, from, null, false,
                    spells[i].from(), null, relinquishedOn, until));
        }
        return this;
    }

    /** The assignment {@code id} reviewed on {@code on}, with its next review by {@code next}. */
    Facts review(String id, LocalDate on, LocalDate next) {
        assignments.replaceAll(a -> {
            if (!a.id().equals(id)) {
                return a;
            }
            List<SubjectFacts.Review> reviews = new ArrayList<>(a.reviews());
            reviews.add(new SubjectFacts.Review(on, a.reviewBy(), next));
            return new Assignment(a.id(), a.role(), a.odsCode(), a.post(), a.personName(), a.effectiveFrom(), next,
                    a.joint(), a.heldSince(), a.acceptedOn(), a.relinquishedOn(), a.heldUntil(), reviews);
        });
        return this;
    }

    Facts body(Body body) {
        bodies.put(body.odsCode(), body);
        return this;
    }

    Facts decision(DecisionOutcome outcome, LocalDate decidedOn, List<String> deciding, Map<String, LocalDate> ratified,
                   List<DelegationFacts> delegations, Set<AssuranceTest> notMet) {
        subject = new SubjectRef("DECISION", "d-1", "Capital plan");
        decision = new DecisionFacts(ThemeCode.FINANCE, outcome, DecisionStatus.ACTIVE, decidedOn, deciding, "forum-1",
                "Leeds Committee", delegations, ratified, notMet);
        return this;
    }

    /** The current decision, with bodies that declined to ratify it on the given days. */
    Facts declined(Map<String, LocalDate> declinedOn) {
        decision = new DecisionFacts(decision.theme(), decision.outcome(), decision.status(), decision.decidedOn(),
                decision.decidingOdsCodes(), decision.forumId(), decision.forumName(), decision.forumDelegations(),
                decision.ratifiedOn(), decision.assessments(), declinedOn, decision.statusOn());
        return this;
    }

    /** The current decision, rescinded (or, alike, superseded) on {@code on}. */
    Facts rescinded(LocalDate on) {
        decision = new DecisionFacts(decision.theme(), decision.outcome(), DecisionStatus.RESCINDED,
                decision.decidedOn(), decision.decidingOdsCodes(), decision.forumId(), decision.forumName(),
                decision.forumDelegations(), decision.ratifiedOn(), decision.assessments(), decision.declinedOn(), on);
        return this;
    }

    Facts serviceChange(Stage stage, String lead) {
        subject = new SubjectRef("SERVICE_CHANGE", "sc-1", "Stroke unit");
        change = new ServiceChangeFacts(stage, lead, null, null);
        return this;
    }

    /** A service change proposed on {@code proposedOn}. */
    Facts serviceChange(Stage stage, String lead, LocalDate proposedOn) {
        subject = new SubjectRef("SERVICE_CHANGE", "sc-1", "Stroke unit");
        change = new ServiceChangeFacts(stage, lead, proposedOn, null);
        return this;
    }

    /**
     * A service change proposed on {@code proposedOn}, in {@code stage} now, closed (withdrawn or completed) on
     * {@code closedOn}; it needs an ACCOUNTABLE while it was open, as the map judges it.
     */
    Facts serviceChange(Stage stage, String lead, LocalDate proposedOn, LocalDate closedOn) {
        subject = new SubjectRef("SERVICE_CHANGE", "sc-1", "Stroke unit");
        change = new ServiceChangeFacts(stage, lead, proposedOn, closedOn);
        needs = change.needsAccountable();
        return this;
    }

    SubjectFacts build() {
        return new SubjectFacts("leeds", subject, needs, assignments, bodies, decision, change);
    }
}
