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
        return facts.assignments().stream()
                .filter(a -> a.liveOn(day) && a.reviewBy() != null && a.reviewBy().isBefore(day))
                .map(a -> gap(facts, a.role() + " " + a.holder() + " for " + facts.describe()
                        + " was due for review by " + a.reviewBy(), a.reviewBy().plusDays(1), a.id()))
                .toList();
    }

    @Override
    public Stream<SubjectFacts> parts(SubjectFacts facts) {
        return facts.eachAssignment();
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        return facts.assignments().stream().filter(a -> a.reviewBy() != null)
                .flatMap(a -> Stream.concat(Stream.of(a.reviewBy().plusDays(1)), a.turningDays()));
    }
}
