package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.gaps.SubjectFacts.ServiceChangeFacts;
import uk.nhs.stpgov.query.support.MemberPeriod;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code NO_LEAD}: an open service change whose lead organisation has left the partnership without a successor (a
 * succeeded lead's successor leads it). Judged on the day: a change withdrawn or completed later was open then.
 */
final class NoLead implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.NO_LEAD;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        ServiceChangeFacts change = facts.serviceChange();
        if (change == null || !change.openOn(day)) {
            return List.of();
        }
        Body lead = facts.bodies().get(change.leadOdsCode());
        if (lead == null || !lead.leftWithoutSuccessorBy(day)) {
            return List.of();
        }
        MemberPeriod left = lead.periodOn(day);
        // A change closed since is named as open then, with its close: its stage now is not the one it was in.
        String state = change.stage().isOpen() ? "while the change is " + change.stage()
                : "while the change was open (it was " + change.stage() + " on " + change.endedOn() + ")";
        return List.of(gap(facts, "The lead, " + lead.name() + " (" + lead.odsCode() + "), left the partnership on "
                + left.withdrawnOn() + " " + state, left.goneFrom(), null));
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        ServiceChangeFacts change = facts.serviceChange();
        Body lead = change == null ? null : facts.bodies().get(change.leadOdsCode());
        return lead == null ? Stream.empty() : Stream.concat(lead.leavingDays(), Stream.ofNullable(change.endedOn()));
    }
}
