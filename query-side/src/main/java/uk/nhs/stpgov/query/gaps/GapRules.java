package uk.nhs.stpgov.query.gaps;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every gap rule, and the windows of business days on which a subject shows each gap. The projection stores the
 * windows with the subject, so a query judges date-dependent gaps on the day it is asked about without re-reading
 * anything else. Pure: no I/O.
 */
public final class GapRules {
    /** The first day of every window of a gap that shows whatever the day. */
    public static final LocalDate ALWAYS = LocalDate.of(1, 1, 1);

    private static final List<GapRule> RULES = List.of(new NoAccountable(), new JointAccountable(),
            new NonStatutoryAccountable(), new NotAccepted(), new HolderWithdrawn(), new ReviewOverdue(),
            new NoStatutoryDecider(), new RatificationPending(), new RatificationDeclined(), new AssuranceNotMet(), new NoLead());
    private static final Comparator<Gap> ORDER = Comparator.comparing(Gap::kind)
            .thenComparing(g -> Objects.toString(g.accountabilityId(), ""));

    private GapRules() {
    }

    public static List<GapRule> all() {
        return RULES;
    }

    /** The gaps of the subject on {@code day}, in a stable order: none on a day the subject does not exist. */
    public static List<Gap> on(SubjectFacts facts, LocalDate day) {
        List<Gap> gaps = new ArrayList<>();
        if (!facts.exists().covers(day)) {
            return gaps;
        }
        for (GapRule rule : RULES) {
            gaps.addAll(rule.on(facts, day));
        }
        gaps.sort(ORDER);
        return gaps;
    }

    /**
     * The windows of every gap the subject can show. Each rule is judged on each of its parts from {@link #ALWAYS}
     * and again on each of the part's own turning days (between two of them the rule's answer cannot change), and a
     * gap that shows on consecutive judgements is one window.
     */
    public static List<GapWindow> windows(SubjectFacts facts) {
        List<GapWindow> windows = new ArrayList<>();
        for (GapRule rule : RULES) {
            rule.parts(facts).forEach(part -> sweep(rule, part, windows));
        }
        windows.sort(Comparator.comparing(GapWindow::gap, ORDER).thenComparing(GapWindow::from));
        return within(facts.exists(), joined(windows));
    }

    /** The windows cut to the days the subject exists: a rule judges its facts, not whether they stand that day. */
    private static List<GapWindow> within(Needs.Period exists, List<GapWindow> windows) {
        List<GapWindow> cut = new ArrayList<>();
        for (GapWindow w : windows) {
            LocalDate from = w.from().isBefore(exists.from()) ? exists.from() : w.from();
            LocalDate until = exists.until() == null || (w.until() != null && w.until().isBefore(exists.until()))
                    ? w.until() : exists.until();
            if (until == null || from.isBefore(until)) {
                cut.add(from.equals(w.from()) && java.util.Objects.equals(until, w.until()) ? w
                        : new GapWindow(w.gap(), from, until));
            }
        }
        return cut;
    }

    /**
     * Windows of the same gap that meet are one: two parts can show the same gap one after the other (an assignment
     * handed from a body to the same body under another post, each holder's period judged on its own).
     */
    private static List<GapWindow> joined(List<GapWindow> sorted) {
        List<GapWindow> joined = new ArrayList<>();
        Map<Gap, Integer> latest = new java.util.HashMap<>();
        for (GapWindow w : sorted) {
            Integer at = latest.get(w.gap());
            if (at != null && w.from().equals(joined.get(at).until())) {
                joined.set(at, new GapWindow(w.gap(), joined.get(at).from(), w.until()));
            } else {
                latest.put(w.gap(), joined.size());
                joined.add(w);
            }
        }
        return joined;
    }

    private static void sweep(GapRule rule, SubjectFacts part, List<GapWindow> windows) {
        TreeSet<LocalDate> days = new TreeSet<>();
        days.add(ALWAYS);
        rule.turningDays(part).filter(d -> d != null && d.isAfter(ALWAYS)).forEach(days::add);
        Map<Gap, LocalDate> open = new LinkedHashMap<>();
        List<Gap> before = List.of();
        for (LocalDate day : days) {
            List<Gap> gaps = rule.on(part, day);
            if (gaps.equals(before)) {
                // The same gaps as on the previous turning day: every one is open already and none closes.
                continue;
            }
            before = gaps;
            Set<Gap> now = new LinkedHashSet<>(gaps);
            open.entrySet().removeIf(entry -> {
                if (!now.contains(entry.getKey())) {
                    windows.add(new GapWindow(entry.getKey(), entry.getValue(), day));
                    return true;
                }
                return false;
            });
            now.forEach(gap -> open.putIfAbsent(gap, day));
        }
        open.forEach((gap, from) -> windows.add(new GapWindow(gap, from, null)));
    }
}
