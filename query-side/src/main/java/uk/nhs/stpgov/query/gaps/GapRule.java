package uk.nhs.stpgov.query.gaps;

import java.time.LocalDate;
import java.util.List;
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

    default Gap gap(SubjectFacts facts, String detail, LocalDate since, String accountabilityId) {
        return new Gap(facts.partnershipId(), kind(), facts.subject(), detail, since, accountabilityId);
    }
}
