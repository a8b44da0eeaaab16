package uk.nhs.stpgov.deploy.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StallRuleTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private final StallRule rule = new StallRule(Duration.ofMinutes(2));

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Map<Integer, StallRule.Sample> segment(int id, long position) {
        return Map.of(id, new StallRule.Sample(position, false));
    }

    @Test
    void aSegmentBehindTheHeadAtOnePositionForStallAfterIsStalledSinceItWasFirstSeenThere() {
        assertThat(rule.sample(segment(1, 40), 45, at(0))).isEmpty();
        assertThat(rule.sample(segment(1, 40), 46, at(119))).isEmpty();

        assertThat(rule.sample(segment(1, 40), 47, at(120)))
                .containsExactly(new StallRule.Stall(1, 40, at(0), 47));
    }

    @Test
    void aSegmentThatMovesStartsItsClockAgain() {
        rule.sample(segment(1, 40), 45, at(0));
        assertThat(rule.sample(segment(1, 41), 45, at(100))).isEmpty();
        assertThat(rule.sample(segment(1, 41), 45, at(200))).isEmpty();

        assertThat(rule.sample(segment(1, 41), 45, at(220))).containsExactly(new StallRule.Stall(1, 41, at(100), 45));
        assertThat(rule.sample(segment(1, 42), 45, at(222))).isEmpty();
    }

    @Test
    void aSegmentIdleAtTheHeadIsNotStalledTheMomentAnEventArrives() {
        rule.sample(segment(1, 45), 45, at(0));
        assertThat(rule.sample(segment(1, 45), 45, at(3600))).isEmpty();

        assertThat(rule.sample(segment(1, 45), 46, at(3602))).isEmpty();
        assertThat(rule.sample(segment(1, 45), 46, at(3722))).containsExactly(new StallRule.Stall(1, 45, at(3602), 46));
    }

    @Test
    void aSegmentWithNoPositionYetIsBehindAStoreThatHasEvents() {
        rule.sample(segment(0, 0), 0, at(0));
        assertThat(rule.sample(segment(0, 0), 0, at(300))).isEmpty();

        rule.sample(segment(0, 0), 3, at(301));
        assertThat(rule.sample(segment(0, 0), 3, at(421))).containsExactly(new StallRule.Stall(0, 0, at(301), 3));
    }

    @Test
    void aSegmentInErrorIsNotStalledAndItsClockStartsAgainWhenItRecovers() {
        rule.sample(segment(2, 40), 45, at(0));
        assertThat(rule.sample(Map.of(2, new StallRule.Sample(40, true)), 45, at(150))).isEmpty();

        assertThat(rule.sample(segment(2, 40), 45, at(160))).isEmpty();
        assertThat(rule.sample(segment(2, 40), 45, at(280))).containsExactly(new StallRule.Stall(2, 40, at(160), 45));
    }

    @Test
    void onlyTheStandingSegmentIsStalledAndOneNoLongerHeldIsForgotten() {
        rule.sample(Map.of(0, new StallRule.Sample(40, false), 3, new StallRule.Sample(40, false)), 45, at(0));
        assertThat(rule.sample(Map.of(0, new StallRule.Sample(45, false), 3, new StallRule.Sample(40, false)), 45,
                at(130))).containsExactly(new StallRule.Stall(3, 40, at(0), 45));

        // Released (another instance holds it now), then claimed back at the same position: a new clock.
        assertThat(rule.sample(segment(0, 45), 45, at(140))).isEmpty();
        assertThat(rule.sample(segment(3, 40), 45, at(150))).isEmpty();
    }

    @Test
    void timeWithoutSamplesIsNotCountedAfterForget() {
        rule.sample(segment(1, 40), 45, at(0));
        rule.forget();

        assertThat(rule.sample(segment(1, 40), 45, at(600))).isEmpty();
        assertThat(rule.sample(segment(1, 40), 45, at(720))).containsExactly(new StallRule.Stall(1, 40, at(600), 45));
    }
}
