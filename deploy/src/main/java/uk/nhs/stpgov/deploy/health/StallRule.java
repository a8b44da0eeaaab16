package uk.nhs.stpgov.deploy.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which segments have stood still behind the store's head for {@code stallAfter} or longer. Every work package of a
 * pooled processor reads every event (those of other segments only move its token), so a healthy segment reaches the
 * head; one that stays behind at one position, not in error, has stopped. The clock starts at the first sample that
 * sees the segment behind at its position: a segment idle at the head for hours is not stalled the moment an event
 * arrives. Not thread-safe: one caller samples.
 */
final class StallRule {
    /**
     * One segment as sampled: its position (0 when it has none yet, like the head of an empty store: global indexes
     * start at 1) and whether Axon reports it in error.
     */
    record Sample(long position, boolean error) {
    }

    record Stall(int segment, long position, Instant since, long head) {
        String describe() {
            return "segment " + segment + " at position " + position + " since " + since + ", head " + head;
        }
    }

    private record Behind(long position, Instant since) {
    }

    private final Duration stallAfter;
    private final Map<Integer, Behind> behind = new HashMap<>();

    StallRule(Duration stallAfter) {
        this.stallAfter = stallAfter;
    }

    /** Records a sample of the segments held (by id) against the head, and answers the stalled ones by segment. */
    List<Stall> sample(Map<Integer, Sample> held, long head, Instant now) {
        behind.keySet().retainAll(held.keySet());
        List<Stall> stalls = new ArrayList<>();
        held.forEach((segment, sample) -> {
            // A segment in error is reported as such (ProjectionsHealth), and Axon retries it: its clock starts again.
            if (sample.error() || sample.position() >= head) {
                behind.remove(segment);
                return;
            }
            Behind seen = behind.get(segment);
            if (seen == null || seen.position() != sample.position()) {
                seen = new Behind(sample.position(), now);
                behind.put(segment, seen);
            }
            if (!now.isBefore(seen.since().plus(stallAfter))) {
                stalls.add(new Stall(segment, seen.position(), seen.since(), head));
            }
        });
        stalls.sort(Comparator.comparingInt(Stall::segment));
        return List.copyOf(stalls);
    }

    /** Forgets every clock, e.g. while the head cannot be read: time without samples is not time seen standing. */
    void forget() {
        behind.clear();
    }
}
