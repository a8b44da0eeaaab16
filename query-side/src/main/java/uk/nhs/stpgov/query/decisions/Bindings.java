package uk.nhs.stpgov.query.decisions;

import uk.nhs.stpgov.events.SuccessionChain;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * "Does this decision bind my organisation?" (DESIGN §1, binding per body), for each deciding statutory body:
 * {@code DELEGATION} when it had delegated the decision's theme to the decision's forum, in force on decidedOn;
 * else {@code RATIFICATION} once it ratified, {@code DECLINED} once it declined, or {@code PENDING}. Ratification is
 * needed only for APPROVED and REJECTED, so a NOTED or DEFERRED decision lists only the bodies bound by delegation
 * or that ratified all the same. Non-statutory deciding bodies cannot be bound and are not listed. A body
 * succeeded before it ratified is listed as its successor, which owes the ratification ({@code succeededFrom}); a
 * successor that took over from several deciding bodies (CCGs merged into one) is listed once for each lineage, and a
 * successor that is itself a deciding body once, as itself, unless bound by delegation for its own part: it still owes
 * the part it inherited (a CCG deciding on its last day beside the ICB its delegation passed to). Pure: no I/O.
 */
public final class Bindings {
    private static final Set<String> NEED_RATIFICATION = Set.of("APPROVED", "REJECTED");

    public enum Basis { DELEGATION, RATIFICATION, PENDING, DECLINED }

    /** {@code succeededFrom}: the deciding body this one took the place of, when it did. */
    public record Binding(String odsCode, Basis basis, LocalDate since, String succeededFrom) {
    }

    /** A delegation from {@code fromOdsCode} to {@code forumId}. */
    public record Delegation(String forumId, String fromOdsCode, Set<ThemeCode> themes, LocalDate effectiveFrom,
                             LocalDate effectiveTo, LocalDate revokedOn) {
        boolean inForceOn(LocalDate day) {
            return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day))
                    && (revokedOn == null || revokedOn.isAfter(day));
        }
    }

    /** A body's answer: ratified, or declined, on {@code on}. */
    public record Answer(String odsCode, LocalDate on, boolean declined) {
    }

    private Bindings() {
    }

    public static List<Binding> of(ThemeCode theme, String forumId, String outcome, LocalDate decidedOn,
                                   List<String> decidingOdsCodes, Map<String, String> passedTo,
                                   Set<String> statutory, List<Delegation> delegations, List<Answer> answers) {
        List<Binding> bindings = new ArrayList<>();
        for (String decided : decidingOdsCodes) {
            if (!statutory.contains(decided)) {
                continue;
            }
            boolean delegated = forumId != null && delegations.stream().anyMatch(d -> d.forumId().equals(forumId)
                    && d.fromOdsCode().equals(decided) && d.themes().contains(theme) && d.inForceOn(decidedOn));
            if (delegated) {
                // Bound as it decided: it owed no ratification, so a successor inherits none (events recorded by
                // earlier versions may name one; it changes nothing).
                bindings.add(new Binding(decided, Basis.DELEGATION, decidedOn, null));
                continue;
            }
            // A body succeeded before it answered passes the answer it owes to its successor (and on down a chain);
            // the first answer along the chain is the one (a predecessor may answer for its days before the
            // succession, recorded after it).
            List<String> chain = SuccessionChain.from(decided, passedTo);
            int at = IntStream.range(0, chain.size()).filter(i -> answerOf(answers, chain.get(i)) != null)
                    .findFirst().orElse(chain.size() - 1);
            String ods = chain.get(at);
            String predecessor = at == 0 ? null : chain.get(at - 1);
            Answer answer = answerOf(answers, ods);
            if (answer != null) {
                bindings.add(new Binding(ods, answer.declined() ? Basis.DECLINED : Basis.RATIFICATION, answer.on(),
                        predecessor));
            } else if (NEED_RATIFICATION.contains(outcome)) {
                bindings.add(new Binding(ods, Basis.PENDING, decidedOn, predecessor));
            }
        }
        // Deciding bodies that merged into one successor before answering share that successor's binding; a
        // successor that decided it itself (with its predecessor on the succession day, or a member it merged into) is
        // listed as itself: its one answer gives its own part and the inherited one, which would name it twice.
        List<Binding> distinct = bindings.stream().distinct().toList();
        return distinct.stream().filter(b -> b.succeededFrom() == null || !distinct.contains(
                new Binding(b.odsCode(), b.basis(), b.since(), null))).toList();
    }

    private static Answer answerOf(List<Answer> answers, String odsCode) {
        return answers.stream().filter(a -> a.odsCode().equals(odsCode)).findFirst().orElse(null);
    }
}
