package uk.nhs.stpgov.query.replay;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rebuild all projections from the event store (ADMIN). */
@RestController
@RequestMapping("/api/admin/replays")
class ReplayController {
    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping
    ResponseEntity<Replays.Progress> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.start());
    }

    @GetMapping
    Replays.Progress status() {
        return replays.status();
    }
}
