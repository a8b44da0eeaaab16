package uk.nhs.stpgov.deploy.pages;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;

/**
 * {@code /audit} (AUDITOR, ADMIN): every stored event with its actor and time, a page at a time, the result of
 * checking every hash chain, and each page as the JSON the audit API answers.
 */
@Controller
class AuditPages extends Pages {
    private static final int PAGE = 50;

    AuditPages(InProcessApi api) {
        super(api);
    }

    @GetMapping("/audit")
    String audit(@RequestParam(defaultValue = "0") long afterIndex, Model model) {
        model.addAttribute("verification", api.getMap("/api/audit/verify", Map.of()));
        model.addAttribute("page", api.getMap("/api/audit/events", params("afterIndex",
                Long.toString(Math.max(0, afterIndex)), "limit", Integer.toString(PAGE))));
        model.addAttribute("afterIndex", Math.max(0, afterIndex));
        model.addAttribute("limit", PAGE);
        return "audit";
    }

    @GetMapping("/audit/events.json")
    ResponseEntity<Object> json(@RequestParam(defaultValue = "0") long afterIndex) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-events-after-" + afterIndex
                        + ".json\"")
                .body(api.get("/api/audit/events", params("afterIndex", Long.toString(Math.max(0, afterIndex)),
                        "limit", Integer.toString(PAGE))));
    }
}
