package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code NOT_ACCEPTED}: an ACCOUNTABLE or RESPONSIBLE assignment not accepted 14 days after it took effect (after
 * a transfer, after the new holder took it). CONSULTED and INFORMED need no acceptance.
 */
final class NotAccepted implements GapRule {
    static final int DAYS = 14;

    @Override
    public GapKind kind() {
        return GapKind.NOT_ACCEPTED;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        return facts.assignments().stream()
                .filter(a -> needsAcceptance(a) && a.liveOn(day) && !day.isBefore(due(a)) && !a.acceptedBy(day))
                .map(a -> gap(facts, a.role() + " " + a.holder() + " for " + facts.describe()
                        + " has not been accepted " + DAYS + " days after " + a.heldSince(), due(a), a.id()))
                .toList();
    }

    private static boolean needsAcceptance(Assignment a) {
        return a.role() == RaciRole.ACCOUNTABLE || a.role() == RaciRole.RESPONSIBLE;
    }

    static LocalDate due(Assignment a) {
        return a.heldSince().plusDays(DAYS);
    }

    @Override
    public Stream<SubjectFacts> parts(SubjectFacts facts) {
        return facts.eachAssignment();
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        // The period's own days too: a former holder's gap ends when its period does.
        return facts.assignments().stream().filter(NotAccepted::needsAcceptance)
                .flatMap(a -> Stream.concat(Stream.of(due(a), a.acceptedOn()), a.turningDays()))
                .filter(Objects::nonNull);
    }
}
