package uk.nhs.stpgov.query.replay;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.query.web.NotFound;

import java.util.List;

/** Events the projections parked (ADMIN): list them with their errors, retry them after a fix, or evict them. */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {
    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    record Retried(String sequence, boolean applied, long parked) {
    }

    record RetriedAll(int applied, long parked) {
    }

    record Evicted(String sequence, int evicted, long parked) {
    }

    @GetMapping
    List<DeadLetters.Sequence> list() {
        return deadLetters.list();
    }

    @PostMapping("/retry")
    RetriedAll retryAll() {
        int applied = deadLetters.retryAll();
        return new RetriedAll(applied, deadLetters.count());
    }

    @PostMapping("/{sequence}/retry")
    Retried retry(@PathVariable String sequence) {
        requireParked(sequence);
        boolean applied = deadLetters.retry(sequence);
        return new Retried(sequence, applied, deadLetters.count());
    }

    @DeleteMapping("/{sequence}")
    Evicted evict(@PathVariable String sequence) {
        requireParked(sequence);
        int evicted = deadLetters.evict(sequence);
        return new Evicted(sequence, evicted, deadLetters.count());
    }

    private void requireParked(String sequence) {
        if (!deadLetters.contains(sequence)) {
            throw new NotFound("parked events for sequence", sequence);
        }
    }
}
