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
import uk.nhs.stpgov.query.web.NotFound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision log ({@code /partnerships/{pid}/decisions}) with its filters, supersede links and bindings, a page
 * at a time; one decision on its own page; the form to record a decision; ratifying or declining one.
 */
@Controller
class DecisionPages extends Pages {
    /** Decisions on one page of the log: each is a card with its bindings and ratify form. */
    static final int PAGE = 100;
    private static final List<String> POSITIONS = List.of("SUPPORTS", "OPPOSES", "ABSTAINS", "ABSENT");

    DecisionPages(InProcessApi api) {
        super(api);
    }

    /** A page of the log at a time, newest first; {@code after} is the API's cursor of the page, filters kept. */
    @GetMapping("/partnerships/{pid}/decisions")
    String log(@PathVariable String pid, @RequestParam(required = false) String theme,
               @RequestParam(required = false) String status, @RequestParam(required = false) String asOf,
               @RequestParam(required = false) String after, Model model) {
        InProcessApi.Listed page = api.getPage("/api/partnerships/" + pid + "/decisions", params("theme", theme,
                "status", status, "asOf", asOf, "after", after, "limit", Integer.toString(PAGE),
                "minPosition", minPosition(model)));
        model.addAttribute("decisions", page.rows());
        model.addAttribute("next", page.next());
        model.addAttribute("after", after);
        model.addAttribute("theme", theme);
        model.addAttribute("status", status);
        model.addAttribute("themes", api.getList("/api/themes", Map.of()));
        return cards(pid, page.rows(), asOf, model, "decisions");
    }

    /**
     * One decision on a page of its own: where a supersede link leads, whatever the log's filters or page, and
     * where ratifying it returns.
     */
    @GetMapping("/decisions/{did}")
    String decision(@PathVariable String did, @RequestParam(required = false) String asOf, Model model) {
        Map<String, Object> decision = api.getMap("/api/decisions/" + did,
                params("asOf", asOf, "minPosition", minPosition(model)));
        model.addAttribute("d", decision);
        return cards(String.valueOf(decision.get("partnershipId")), List.of(decision), asOf, model, "decision");
    }

    /** What a page of decision cards needs: names of organisations, and of the decisions they supersede or follow. */
    private String cards(String pid, List<Map<String, Object>> decisions, String asOf, Model model, String view) {
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid, Map.of());
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        Map<String, String> titles = titles(decisions, asOf);
        Organisations names = organisations(partnership);
        titles.forEach(names::putIfAbsent); // a refusal names a decision by its id: say its title
        model.addAttribute("orgs", names);
        model.addAttribute("titles", titles);
        Map<String, List<Answerer>> answerers = new LinkedHashMap<>();
        decisions.forEach(d -> answerers.put(String.valueOf(d.get("id")), answerers(d, partnership)));
        model.addAttribute("answerers", answerers);
        model.addAttribute("asOf", asOf);
        model.addAttribute("mayWrite", mayWrite(pid));
        model.addAttribute("mayDecline", api.takesField("/api/decisions/any/ratifications", "declined"));
        if (!model.containsAttribute("ratifying")) {
            model.addAttribute("ratifying", "");
            model.addAttribute("form", formValues(null));
        }
        return view;
    }

    /**
     * A body the ratify form offers: one that owes the answer ({@code succeededFrom} its deciding predecessor, if
     * any), or a deciding body that owed it before {@code succeededBy} took its place {@code on} that day.
     */
    record Answerer(String odsCode, String succeededFrom, String succeededBy, Object on) {
    }

    /**
     * Every body that may answer a decision: each that owes a ratification (a PENDING binding), and the deciding
     * bodies it succeeded, which may still answer with a day before their succession (a back-loaded minute book).
     */
    @SuppressWarnings("unchecked")
    static List<Answerer> answerers(Map<String, Object> decision, Map<String, Object> partnership) {
        Map<String, Map<String, Object>> members = new LinkedHashMap<>();
        ((List<Map<String, Object>>) partnership.getOrDefault("members", List.of()))
                .forEach(m -> members.put(String.valueOf(m.get("odsCode")), m));
        List<Answerer> answerers = new ArrayList<>();
        for (Map<String, Object> binding : (List<Map<String, Object>>) decision.getOrDefault("bindings", List.of())) {
            String owes = String.valueOf(binding.get("odsCode"));
            if (!"PENDING".equals(binding.get("basis"))
                    || answerers.stream().anyMatch(a -> a.odsCode().equals(owes) && a.succeededBy() == null)) {
                continue;
            }
            answerers.add(new Answerer(owes, (String) binding.get("succeededFrom"), null, null));
            for (Object decided : (List<Object>) decision.getOrDefault("decidingOdsCodes", List.of())) {
                // The deciding body's line of successors, up to the one that owes (a guard against a loop).
                List<String> line = new ArrayList<>(List.of(String.valueOf(decided)));
                while (!line.get(line.size() - 1).equals(owes) && line.size() <= members.size()) {
                    Object next = members.getOrDefault(line.get(line.size() - 1), Map.of()).get("succeededBy");
                    if (next == null) {
                        break;
                    }
                    line.add(String.valueOf(next));
                }
                if (line.size() > 1 && line.get(line.size() - 1).equals(owes)) {
                    for (String predecessor : line.subList(0, line.size() - 1)) {
                        Map<String, Object> member = members.get(predecessor);
                        if (answerers.stream().noneMatch(a -> a.odsCode().equals(predecessor))) {
                            answerers.add(new Answerer(predecessor, null, String.valueOf(member.get("succeededBy")),
                                    member.get("withdrawnOn")));
                        }
                    }
                }
            }
        }
        return answerers;
    }

    /**
     * The titles of the shown decisions and of those they supersede or are superseded by, which a filter or another
     * page may leave out: a supersede link names the other decision. One read per decision not shown (few: only
     * supersessions), at most a page's worth.
     */
    private Map<String, String> titles(List<Map<String, Object>> decisions, String asOf) {
        Map<String, String> titles = new LinkedHashMap<>();
        decisions.forEach(d -> titles.put(String.valueOf(d.get("id")), String.valueOf(d.get("title"))));
        for (Map<String, Object> d : decisions) {
            for (Object other : new Object[] {d.get("supersedes"), d.get("supersededBy")}) {
                if (other != null && !titles.containsKey(other.toString())) {
                    try {
                        titles.put(other.toString(), String.valueOf(api.getMap("/api/decisions/" + other,
                                params("asOf", asOf)).get("title")));
                    } catch (NotFound notYetRecorded) {
                        // Not in the record as of asOf: the link says "a later decision" instead.
                    }
                }
            }
        }
        return titles;
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
        model.addAttribute("form", newRecordForm());
        return decisionForm(pid, model);
    }

    @PostMapping("/partnerships/{pid}/decisions")
    String record(@PathVariable String pid, @AsTyped MultiValueMap<String, String> form, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, Object> body = fields(form, "id", "reference", "title", "theme", "forumId", "serviceChangeId",
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

    /** Ratify, or decline to: the same API call, {@code declined} telling which; back on the decision's own page. */
    @PostMapping("/decisions/{did}/ratification")
    String ratify(@PathVariable String did, @AsTyped MultiValueMap<String, String> form, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, Object> body = fields(form, "odsCode", "ratifiedOn", "reason");
        if ("true".equals(form.getFirst("declined"))) {
            body.put("declined", true);
        }
        return submit("/api/decisions/" + did + "/ratifications", Map.of(), body, "ratifiedOn", model, redirect,
                response, written -> "/decisions/" + did,
                "true".equals(form.getFirst("declined")) ? "Ratification declined" : "Ratification recorded",
                () -> {
                    // This decision's form: its inputs' ids end in the decision's id, and keep what was typed.
                    model.addAttribute("ratifyErrors", ((FormErrors) model.getAttribute("errors"))
                            .forInputs(field -> field + "-" + did));
                    model.addAttribute("ratifying", did);
                    model.addAttribute("form", formValues(form));
                    return decision(did, null, model);
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
