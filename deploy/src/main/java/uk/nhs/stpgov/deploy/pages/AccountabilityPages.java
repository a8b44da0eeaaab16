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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigning accountability (RACI), and one assignment's page with the forms to accept, review, transfer and
 * relinquish it. A form is offered only when the API has the command.
 */
@Controller
class AccountabilityPages extends Pages {
    private static final List<String> ACTIONS = List.of("acceptance", "review", "transfer", "relinquishment");

    AccountabilityPages(InProcessApi api) {
        super(api);
    }

    @GetMapping("/partnerships/{pid}/accountabilities/new")
    String newAssignment(@PathVariable String pid, @RequestParam(required = false) String subject, Model model) {
        Map<String, Object> form = newRecordForm();
        form.put("subject", subject);
        model.addAttribute("form", form);
        return assignmentForm(pid, model);
    }

    @PostMapping("/partnerships/{pid}/accountabilities")
    String assign(@PathVariable String pid, @AsTyped MultiValueMap<String, String> form, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, Object> body = fields(form, "id", "role", "odsCode", "post", "personName", "effectiveFrom", "reviewBy");
        String subject = form.getFirst("subject");
        if (subject != null && subject.contains(":")) {
            body.put("subject", Map.of("type", subject.substring(0, subject.indexOf(':')),
                    "ref", subject.substring(subject.indexOf(':') + 1)));
        }
        if ("true".equals(form.getFirst("joint"))) {
            body.put("joint", true);
        }
        model.addAttribute("form", formValues(form));
        return submit("/api/partnerships/" + pid + "/accountabilities", Map.of(), body, "role", model, redirect,
                response, written -> "/partnerships/" + pid + "/matrix", "Accountability assigned",
                () -> assignmentForm(pid, model));
    }

    @GetMapping("/accountabilities/{aid}")
    @SuppressWarnings("unchecked")
    String assignment(@PathVariable String aid, Model model) {
        Map<String, Object> accountability = api.getMap("/api/accountabilities/" + aid,
                params("minPosition", minPosition(model)));
        String pid = String.valueOf(accountability.get("partnershipId"));
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid, Map.of());
        List<String> actions = new ArrayList<>();
        for (String action : ACTIONS) {
            if (api.handles(RequestMethod.POST, "/api/accountabilities/" + aid + "/" + action)) {
                actions.add(action);
            }
        }
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        model.addAttribute("orgs", organisations(partnership));
        model.addAttribute("a", accountability);
        model.addAttribute("subjectTitle", subjectTitle((Map<String, Object>) accountability.get("subject")));
        model.addAttribute("actions", actions);
        model.addAttribute("mayWrite", mayWrite(pid));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.none());
            model.addAttribute("form", formValues(null));
        }
        return "accountability";
    }

    @PostMapping("/accountabilities/{aid}/{action}")
    String act(@PathVariable String aid, @PathVariable String action,
               @AsTyped MultiValueMap<String, String> form, Model model, RedirectAttributes redirect,
               HttpServletResponse response) {
        if (!ACTIONS.contains(action)) {
            return assignment(aid, model);
        }
        Map<String, Object> body = fields(form, "on", "reason", "note", "nextReviewBy", "odsCode", "post",
                "personName");
        model.addAttribute("form", formValues(form));
        model.addAttribute("failedForm", action);
        return submit("/api/accountabilities/" + aid + "/" + action, Map.of(), body, "on", model, redirect, response,
                written -> "/accountabilities/" + aid, "Recorded", () -> {
                    atInputs(model, field -> action + "-" + field); // the action's form: acceptance-on, transfer-post
                    return assignment(aid, model);
                });
    }

    /** The subject in words: a theme's title, a service change's or decision's own title. */
    private String subjectTitle(Map<String, Object> subject) {
        String type = String.valueOf(subject.get("type"));
        String ref = String.valueOf(subject.get("ref"));
        if (type.equals("THEME")) {
            return api.getList("/api/themes", Map.of()).stream().filter(t -> ref.equals(t.get("code")))
                    .map(t -> String.valueOf(t.get("title"))).findFirst().orElse(ref);
        }
        try {
            Object title = api.getMap(type.equals("DECISION") ? "/api/decisions/" + ref : "/api/service-changes/" + ref,
                    Map.of()).get("title");
            return title == null ? ref : String.valueOf(title);
        } catch (uk.nhs.stpgov.query.web.NotFound e) {
            return ref;
        }
    }

    @SuppressWarnings("unchecked")
    private String assignmentForm(String pid, Model model) {
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid, Map.of());
        // Subjects as the map lists them (themes, open service changes, approved decisions), grouped by kind.
        Map<String, List<Map<String, Object>>> subjects = new LinkedHashMap<>();
        Map<String, Object> map = api.getMap("/api/partnerships/" + pid + "/accountability-map", Map.of());
        for (Map<String, Object> entry : (List<Map<String, Object>>) map.get("subjects")) {
            Map<String, Object> subject = (Map<String, Object>) entry.get("subject");
            subjects.computeIfAbsent(String.valueOf(subject.get("type")), k -> new ArrayList<>()).add(subject);
        }
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        model.addAttribute("orgs", organisations(partnership));
        model.addAttribute("subjects", subjects);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.none());
        }
        return "accountability-form";
    }
}
