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

/**
 * A member organisation's page with the forms for what happens to members: withdrawal and succession (a merger, or
 * the CCGs' replacement by an ICB). A form is offered only when the API has
 * that command.
 */
@Controller
class MemberPages extends Pages {
    static final List<String> SECTORS = List.of("NHS_TRUST", "FOUNDATION_TRUST", "CCG", "ICB", "LOCAL_AUTHORITY",
            "NHS_ENGLAND", "GP_FEDERATION", "PRIMARY_CARE_NETWORK", "AMBULANCE_TRUST", "VOLUNTARY_SECTOR", "HEALTHWATCH",
            "REGULATOR", "OTHER");
    private static final List<String> ACTIONS = List.of("withdrawal", "succession");

    MemberPages(InProcessApi api) {
        super(api);
    }

    @GetMapping("/partnerships/{pid}/members/{ods}")
    @SuppressWarnings("unchecked")
    String member(@PathVariable String pid, @PathVariable String ods, Model model) {
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid,
                params("minPosition", minPosition(model)));
        Map<String, Object> member = ((List<Map<String, Object>>) partnership.get("members")).stream()
                .filter(m -> ods.equals(m.get("odsCode"))).findFirst()
                .orElseThrow(() -> new uk.nhs.stpgov.query.web.NotFound("member", ods));
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        model.addAttribute("orgs", organisations(partnership));
        model.addAttribute("m", member);
        model.addAttribute("sectors", SECTORS);
        model.addAttribute("actions", ACTIONS.stream().filter(a -> api.handles(RequestMethod.POST,
                "/api/partnerships/" + pid + "/members/" + ods + "/" + a)).toList());
        model.addAttribute("mayWrite", mayWrite(pid));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.none());
            model.addAttribute("form", formValues(null));
        }
        return "member";
    }

    @PostMapping("/partnerships/{pid}/members/{ods}/{action}")
    String act(@PathVariable String pid, @PathVariable String ods, @PathVariable String action,
               @AsTyped MultiValueMap<String, String> form, Model model, RedirectAttributes redirect,
               HttpServletResponse response) {
        if (!ACTIONS.contains(action)) {
            return member(pid, ods, model);
        }
        Map<String, Object> body = fields(form, "on", "reason", "successorOdsCode", "successorName", "sector");
        if (form.getFirst("statutory") != null && !form.getFirst("statutory").isBlank()) {
            body.put("statutory", Boolean.parseBoolean(form.getFirst("statutory")));
        }
        model.addAttribute("form", formValues(form));
        model.addAttribute("failedForm", action);
        return submit("/api/partnerships/" + pid + "/members/" + ods + "/" + action, Map.of(), body, "on", model,
                redirect, response, written -> "/partnerships/" + pid,
                action.equals("succession") ? "Succession recorded" : "Withdrawal recorded",
                () -> {
                    atInputs(model, field -> field.equals("on") || field.equals("reason") ? action + "-" + field : field);
                    return member(pid, ods, model);
                });
    }
}
