package uk.nhs.stpgov.query.gaps;


import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code REVIEW_OVERDUE}: a live assignment whose {@code reviewBy} has passed: it shows, and is overdue {@code since},
 * the day after {@code reviewBy} (on that day the review is still in time).
 */
final class ReviewOverdue implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.REVIEW_OVERDUE;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        return facts.assignments().stream().filter(a -> a.liveOn(day)).flatMap(a -> {
            LocalDate due = a.reviewByOn(day);
            return due == null || !due.isBefore(day) ? Stream.empty() : Stream.of(gap(facts, a.role() + " "
                    + a.holder() + " for " + facts.describe() + " was due for review by " + due, due.plusDays(1),
                    a.id()));
        }).toList();
    }

    @Override
    public Stream<SubjectFacts> parts(SubjectFacts facts) {
        return facts.eachAssignment();
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        return facts.assignments().stream().flatMap(a -> Stream.of(
                Stream.of(a.reviewBy(), a.reviews().isEmpty() ? null : a.reviews().get(0).was())
                        .filter(java.util.Objects::nonNull).map(d -> d.plusDays(1)),
                a.reviews().stream().flatMap(r -> Stream.of(r.on(), r.next() == null ? null : r.next().plusDays(1)))
                        .filter(java.util.Objects::nonNull),
                a.turningDays()).flatMap(s -> s));
    }
}
