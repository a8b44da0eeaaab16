package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.gaps.SubjectFacts.ServiceChangeFacts;
import uk.nhs.stpgov.query.support.MemberPeriod;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/** {@code NO_LEAD}: an open service change whose lead organisation has left the partnership without a successor (a
 * succeeded lead's successor leads it). */
final class NoLead implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.NO_LEAD;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        ServiceChangeFacts change = facts.serviceChange();
        if (change == null || !change.stage().isOpen()) {
            return List.of();
        }
        Body lead = facts.bodies().get(change.leadOdsCode());
        if (lead == null || !lead.leftWithoutSuccessorBy(day)) {
            return List.of();
        }
        MemberPeriod left = lead.periodOn(day);
        return List.of(gap(facts, "The lead, " + lead.name() + " (" + lead.odsCode() + "), left the partnership on "
                + left.withdrawnOn() + " while the change is " + change.stage(), left.goneFrom(), null));
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        ServiceChangeFacts change = facts.serviceChange();
        Body lead = change == null ? null : facts.bodies().get(change.leadOdsCode());
        return lead == null ? Stream.empty() : lead.leavingDays();
    }
}
