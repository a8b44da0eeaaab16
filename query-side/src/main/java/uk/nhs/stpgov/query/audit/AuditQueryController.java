package uk.nhs.stpgov.query.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail (DESIGN §4, §6), for auditors and admins: the URL rules in deploy keep everyone else out. */
@RestController
@RequestMapping("/api/audit")
class AuditQueryController {
    static final int MAX_LIMIT = 1000;

    private final AuditTrail trail;

    AuditQueryController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/events")
    AuditTrail.Page events(@RequestParam(defaultValue = "0") @Min(0) long afterIndex,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit) {
        return trail.events(afterIndex, limit);
    }

    @GetMapping("/verify")
    AuditTrail.Verification verify() {
        return trail.verify();
    }
}
