package uk.nhs.stpgov.query.replay;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;

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
    ResponseEntity<?> retry(@PathVariable String sequence) {
        if (!deadLetters.contains(sequence)) {
            return notParked(sequence);
        }
        boolean applied = deadLetters.retry(sequence);
        return ResponseEntity.ok(new Retried(sequence, applied, deadLetters.count()));
    }

    @DeleteMapping("/{sequence}")
    ResponseEntity<?> evict(@PathVariable String sequence) {
        if (!deadLetters.contains(sequence)) {
            return notParked(sequence);
        }
        int evicted = deadLetters.evict(sequence);
        return ResponseEntity.ok(new Evicted(sequence, evicted, deadLetters.count()));
    }

    private static ResponseEntity<ProblemDetail> notParked(String sequence) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No parked events for '" + sequence + "'");
        problem.setType(URI.create("/problems/not-found"));
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
