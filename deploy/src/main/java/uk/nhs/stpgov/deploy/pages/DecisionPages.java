package uk.nhs.stpgov.deploy.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision log ({@code /partnerships/{pid}/decisions}) with its filters, supersede links and bindings; the
 * form to record a decision; ratifying or declining one.
 */
@Controller
class DecisionPages extends Pages {
    private static final List<String> POSITIONS = List.of("SUPPORTS", "OPPOSES", "ABSTAINS", "ABSENT");

    DecisionPages(InProcessApi api) {
        super(api);
    }

    @GetMapping("/partnerships/{pid}/decisions")
    String log(@PathVariable String pid, @RequestParam(required = false) String theme,
               @RequestParam(required = false) String status, @RequestParam(required = false) String asOf,
               Model model) {
        List<Map<String, Object>> decisions = api.getList("/api/partnerships/" + pid + "/decisions",
                params("theme", theme, "status", status, "asOf", asOf, "minPosition", minPosition(model)));
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid, Map.of());
        Map<String, String> titles = new LinkedHashMap<>();
        decisions.forEach(d -> titles.put(String.valueOf(d.get("id")), String.valueOf(d.get("title"))));
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        model.addAttribute("orgs", organisations(partnership));
        model.addAttribute("decisions", decisions);
        model.addAttribute("titles", titles);
        model.addAttribute("themes", api.getList("/api/themes", Map.of()));
        model.addAttribute("theme", theme);
        model.addAttribute("status", status);
        model.addAttribute("asOf", asOf);
        model.addAttribute("mayWrite", mayWrite(pid));
        model.addAttribute("mayDecline", api.takesField("/api/decisions/any/ratifications", "declined"));
        if (!model.containsAttribute("ratifying")) {
            model.addAttribute("ratifying", "");
            model.addAttribute("form", formValues(null));
        }
        return "decisions";
    }

    /** The log as CSV, through the pages' session (the API's own link would ask for Basic sign-in). */
    @GetMapping("/partnerships/{pid}/decisions.csv")
    ResponseEntity<?> csv(@PathVariable String pid, @RequestParam(required = false) String theme,
                          @RequestParam(required = false) String status, @RequestParam(required = false) String asOf,
                          HttpServletResponse response) {
        return api.download("/api/partnerships/" + pid + "/decisions.csv",
                params("theme", theme, "status", status, "asOf", asOf), response);
    }

    @GetMapping("/partnerships/{pid}/decisions/new")
    String newDecision(@PathVariable String pid, Model model) {
        model.addAttribute("form", formValues(null));
        return decisionForm(pid, model);
    }

    @PostMapping("/partnerships/{pid}/decisions")
    String record(@PathVariable String pid, @AsTyped MultiValueMap<String, String> form, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, Object> body = fields(form, "reference", "title", "theme", "forumId", "serviceChangeId",
                "outcome", "rationale", "decidedOn", "supersedes");
        body.put("decidingOdsCodes", form.getOrDefault("decidingOdsCodes", List.of()));
        List<Map<String, String>> positions = new ArrayList<>();
        form.forEach((name, values) -> {
            if (name.startsWith("position-") && !values.isEmpty() && !values.get(0).isBlank()) {
                positions.add(Map.of("odsCode", name.substring("position-".length()), "position", values.get(0)));
            }
        });
        if (!positions.isEmpty()) {
            body.put("positions", positions);
        }
        model.addAttribute("form", formValues(form));
        model.addAttribute("chosen", form.getOrDefault("decidingOdsCodes", List.of()));
        return submit("/api/partnerships/" + pid + "/decisions", Map.of(), body, "decidingOdsCodes", model, redirect,
                response, written -> "/partnerships/" + pid + "/decisions#decision-" + written.id(),
                "Decision recorded", () -> decisionForm(pid, model));
    }

    /** Ratify, or decline to: the same API call, {@code declined} telling which. */
    @PostMapping("/decisions/{did}/ratification")
    String ratify(@PathVariable String did, @RequestParam String partnershipId,
                  @AsTyped MultiValueMap<String, String> form, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        Map<String, Object> body = fields(form, "odsCode", "ratifiedOn", "reason");
        if ("true".equals(form.getFirst("declined"))) {
            body.put("declined", true);
        }
        String back = "/partnerships/" + partnershipId + "/decisions";
        return submit("/api/decisions/" + did + "/ratifications", Map.of(), body, "ratifiedOn", model, redirect,
                response, written -> back + "#decision-" + did,
                "true".equals(form.getFirst("declined")) ? "Ratification declined" : "Ratification recorded",
                () -> {
                    // This decision's form: its inputs' ids end in the decision's id, and keep what was typed.
                    model.addAttribute("ratifyErrors", ((FormErrors) model.getAttribute("errors"))
                            .forInputs(field -> field + "-" + did));
                    model.addAttribute("ratifying", did);
                    model.addAttribute("form", formValues(form));
                    return log(partnershipId, null, null, null, model);
                });
    }

    @SuppressWarnings("unchecked")
    private String decisionForm(String pid, Model model) {
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid, Map.of());
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        model.addAttribute("orgs", organisations(partnership));
        // The service changes a decision may be on, by title: the map lists every open one as a subject.
        Map<String, Object> open = api.getMap("/api/partnerships/" + pid + "/accountability-map",
                params("subjectType", "SERVICE_CHANGE", "limit", "1000"));
        model.addAttribute("serviceChanges", ((List<Map<String, Object>>) open.get("subjects")).stream()
                .map(s -> (Map<String, Object>) s.get("subject"))
                .filter(s -> "SERVICE_CHANGE".equals(s.get("type"))).toList());
        model.addAttribute("themes", api.getList("/api/themes", Map.of()));
        model.addAttribute("decisions", api.getList("/api/partnerships/" + pid + "/decisions",
                params("status", "ACTIVE")));
        model.addAttribute("positions", POSITIONS);
        String path = "/api/partnerships/" + pid + "/decisions";
        model.addAttribute("withReference", api.takesField(path, "reference"));
        model.addAttribute("withPositions", api.takesField(path, "positions"));
        if (!model.containsAttribute("chosen")) {
            model.addAttribute("chosen", List.of());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.none());
        }
        return "decision-form";
    }
}
