package uk.nhs.stpgov.query.gaps;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** One kind of gap: a sentence of DESIGN §1 judged for one subject on one business day. */
public interface GapRule {
    GapKind kind();

    /** The gaps of this kind the subject shows on {@code day}. */
    List<Gap> on(SubjectFacts facts, LocalDate day);

    /** The days on which the answer may change; between two of them it is the same. */
    Stream<LocalDate> turningDays(SubjectFacts facts);

    /**
     * The facts this rule reads, in parts it can be judged on one at a time: its gaps on any day are the gaps of
     * the parts on that day. The whole facts by default; a rule about each assignment alone judges each assignment
     * alone, so a subject's long history costs it linear time instead of quadratic.
     */
    default Stream<SubjectFacts> parts(SubjectFacts facts) {
        return Stream.of(facts);
    }

    /**
     * The day a condition that holds on {@code day} began: the first day of the run of days up to it on which it held
     * every day. Not the start of any one assignment: a transfer, a succession or another holder leaving can begin the
     * condition, and a holder handing on to a body that keeps it true does not. It can change only on a turning day,
     * so it is judged on those, walking back from {@code day}.
     */
    default LocalDate since(SubjectFacts facts, LocalDate day, Predicate<LocalDate> holds) {
        List<LocalDate> back = Stream.concat(Stream.of(GapRules.ALWAYS), turningDays(facts))
                .filter(d -> !d.isAfter(day)).distinct().sorted(Comparator.reverseOrder()).toList();
        LocalDate since = day;
        for (LocalDate d : back) {
            if (!holds.test(d)) {
                break;
            }
            since = d;
        }
        return since;
    }

    default Gap gap(SubjectFacts facts, String detail, LocalDate since, String accountabilityId) {
        return new Gap(facts.partnershipId(), kind(), facts.subject(), detail, since, accountabilityId);
    }
}
