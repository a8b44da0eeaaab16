package uk.nhs.stpgov.deploy.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

/** {@code /partnerships/{pid}}: members, forums, delegations and status, as the record shows them now. */
@Controller
class PartnershipPages extends Pages {
    PartnershipPages(InProcessApi api) {
        super(api);
    }

    @GetMapping("/partnerships/{pid}")
    String partnership(@PathVariable String pid, @RequestParam(required = false) String asOf, Model model) {
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid,
                params("asOf", asOf, "minPosition", minPosition(model)));
        List<Map<String, Object>> serviceChanges = serviceChanges(pid);
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        model.addAttribute("orgs", organisations(partnership));
        model.addAttribute("serviceChanges", serviceChanges);
        model.addAttribute("mayWrite", mayWrite(pid));
        model.addAttribute("statusForm", api.handles(RequestMethod.POST, "/api/partnerships/" + pid + "/status"));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.none());
            model.addAttribute("form", formValues(null));
        }
        return "partnership";
    }

    /**
     * The partnership's status (STP, ICS, statutory ICS), optionally renamed on the same change; refused, the page
     * again with the errors at the status form's inputs and what was typed.
     */
    @PostMapping("/partnerships/{pid}/status")
    String status(@PathVariable String pid, @AsTyped MultiValueMap<String, String> form, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        model.addAttribute("form", formValues(form));
        return submit("/api/partnerships/" + pid + "/status", Map.of(), fields(form, "status", "name", "on"), "status",
                model, redirect, response, written -> "/partnerships/" + pid, "Status changed", () -> {
                    atInputs(model, field -> field.equals("status") ? field : "status-" + field);
                    return partnership(pid, null, model);
                });
    }

    /** The partnership's service changes: the map lists every open one as a subject; closed ones are in its history. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> serviceChanges(String pid) {
        Object map = api.get("/api/partnerships/" + pid + "/accountability-map", Map.of());
        List<Map<String, Object>> subjects = (List<Map<String, Object>>) ((Map<String, Object>) map).get("subjects");
        return subjects.stream().map(s -> (Map<String, Object>) s.get("subject"))
                .filter(s -> "SERVICE_CHANGE".equals(s.get("type"))).toList();
    }
}
