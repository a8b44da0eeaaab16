package uk.nhs.stpgov.deploy.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

/** Proposing a service change, and its page: stages, assurance tests, and the forms to move it and record a test. */
@Controller
class ServiceChangePages extends Pages {
    static final List<String> KINDS = List.of("RECONFIGURATION", "CLOSURE", "BED_REDUCTION", "EXPANSION", "NEW_SERVICE",
            "COMMUNITY_REDESIGN", "PREVENTION");
    static final List<String> STAGES = List.of("PROPOSED", "ENGAGEMENT", "CONSULTATION", "DECIDED", "IMPLEMENTING",
            "COMPLETED", "WITHDRAWN");
    static final List<String> TESTS = List.of("GP_COMMISSIONER_SUPPORT", "PUBLIC_ENGAGEMENT", "CLINICAL_EVIDENCE",
            "PATIENT_CHOICE", "BED_CLOSURE");

    ServiceChangePages(InProcessApi api) {
        super(api);
    }

    @GetMapping("/partnerships/{pid}/service-changes/new")
    String newChange(@PathVariable String pid, Model model) {
        model.addAttribute("form", newRecordForm());
        model.addAttribute("chosen", List.of());
        return proposalForm(pid, model);
    }

    @PostMapping("/partnerships/{pid}/service-changes")
    String propose(@PathVariable String pid, @AsTyped MultiValueMap<String, String> form, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, Object> body = fields(form, "id", "title", "kind", "leadOdsCode", "description", "proposedOn");
        body.put("themes", form.getOrDefault("themes", List.of()));
        if (form.getFirst("substantial") != null && !form.getFirst("substantial").isBlank()) {
            body.put("substantial", Boolean.parseBoolean(form.getFirst("substantial")));
        }
        model.addAttribute("form", formValues(form));
        model.addAttribute("chosen", form.getOrDefault("themes", List.of()));
        return submit("/api/partnerships/" + pid + "/service-changes", Map.of(), body, "title", model, redirect,
                response, written -> "/service-changes/" + written.id(), "Service change proposed",
                () -> proposalForm(pid, model));
    }

    @GetMapping("/service-changes/{sid}")
    String change(@PathVariable String sid, Model model) {
        Map<String, Object> change = api.getMap("/api/service-changes/" + sid, params("minPosition", minPosition(model)));
        String pid = String.valueOf(change.get("partnershipId"));
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid, Map.of());
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        model.addAttribute("orgs", organisations(partnership));
        model.addAttribute("c", change);
        model.addAttribute("stages", STAGES);
        model.addAttribute("tests", TESTS);
        model.addAttribute("mayWrite", mayWrite(pid));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.none());
            model.addAttribute("form", formValues(null));
        }
        return "service-change";
    }

    @PostMapping("/service-changes/{sid}/stage")
    String move(@PathVariable String sid, @AsTyped MultiValueMap<String, String> form, Model model,
                RedirectAttributes redirect, HttpServletResponse response) {
        return write(sid, "stage", fields(form, "stage", "note"), "stage", form, model, redirect, response,
                "Stage changed");
    }

    @PostMapping("/service-changes/{sid}/assurance-tests")
    String test(@PathVariable String sid, @AsTyped MultiValueMap<String, String> form, Model model,
                RedirectAttributes redirect, HttpServletResponse response) {
        return write(sid, "assurance-tests", fields(form, "test", "result", "evidence", "assessedOn", "assessor"),
                "result", form, model, redirect, response, "Assurance test recorded");
    }

    private String write(String sid, String action, Map<String, Object> body, String ruleField,
                         MultiValueMap<String, String> form, Model model, RedirectAttributes redirect,
                         HttpServletResponse response, String notice) {
        model.addAttribute("form", formValues(form));
        model.addAttribute("failedForm", action);
        return submit("/api/service-changes/" + sid + "/" + action, Map.of(), body, ruleField, model, redirect,
                response, written -> "/service-changes/" + sid, notice, () -> {
                    atInputs(model, field -> field.equals("stage") ? "stage-to" : field);
                    return change(sid, model);
                });
    }

    private String proposalForm(String pid, Model model) {
        model.addAttribute("pid", pid);
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid, Map.of());
        model.addAttribute("p", partnership);
        model.addAttribute("orgs", organisations(partnership));
        model.addAttribute("themes", api.getList("/api/themes", Map.of()));
        model.addAttribute("kinds", KINDS);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.none());
        }
        return "service-change-form";
    }
}
