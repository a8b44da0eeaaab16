package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.support.MemberPeriod;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** {@code HOLDER_WITHDRAWN}: a live assignment whose holder's organisation has left the partnership without a successor (a succeeded
 * holder's assignment passes to the successor). */
final class HolderWithdrawn implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.HOLDER_WITHDRAWN;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        return facts.assignments().stream().filter(a -> a.liveOn(day)).flatMap(a -> {
            Body body = facts.bodies().get(a.odsCode());
            if (body == null || !body.leftWithoutSuccessorBy(day)) {
                return Stream.empty();
            }
            // The period it left by (a body admitted again left more than once).
            MemberPeriod left = body.periodOn(day);
            return Stream.of(gap(facts, a.role() + " " + a.holder() + " for " + facts.describe() + " belongs to "
                    + body.name() + ", which left the partnership on " + left.withdrawnOn(), left.goneFrom(),
                    a.id()));
        }).toList();
    }

    @Override
    public Stream<SubjectFacts> parts(SubjectFacts facts) {
        return facts.eachAssignment();
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        return Stream.concat(facts.assignments().stream().flatMap(Assignment::turningDays),
                facts.assignments().stream().map(a -> facts.bodies().get(a.odsCode()))
                .filter(Objects::nonNull).flatMap(Body::leavingDays)).filter(Objects::nonNull);
    }
}
