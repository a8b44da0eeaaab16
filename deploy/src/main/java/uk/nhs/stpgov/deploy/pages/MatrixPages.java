package uk.nhs.stpgov.deploy.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /partnerships/{pid}/matrix}: the accountability map as a RACI matrix, subjects down and member
 * organisations across, every gap in words beside its subject. Filters, paging, {@code asOf} and {@code on} go to
 * the map API; a filter the API does not take (yet) is applied here to the page it answered.
 */
@Controller
class MatrixPages extends Pages {
    private static final String MAP = "/api/partnerships/%s/accountability-map";
    private static final List<String> ROLES = List.of("accountable", "responsible", "consulted", "informed", "pending");

    MatrixPages(InProcessApi api) {
        super(api);
    }

    /** One person's part in a subject, shown in the organisation's column. */
    /** {@code succeededFrom}: the organisation this one took the part over from by succession (its lineage). */
    record Cell(String accountabilityId, String letter, String role, String post, String personName, boolean pending, Object effectiveFrom,
                boolean joint, boolean accepted, String succeededFrom) {
    }

    record Row(Map<String, Object> subject, Map<String, List<Cell>> cells, List<Map<String, Object>> gaps) {
    }

    @GetMapping("/partnerships/{pid}/matrix")
    @SuppressWarnings("unchecked")
    String matrix(@PathVariable String pid, @RequestParam(required = false) String asOf,
                  @RequestParam(required = false) String on, @RequestParam(required = false) String theme,
                  @RequestParam(required = false) String subjectType, @RequestParam(required = false) String gapKind,
                  @RequestParam(required = false) String after, @RequestParam(required = false) Long minPosition,
                  Model model) {
        String path = MAP.formatted(pid);
        Map<String, String> query = params("asOf", asOf, "on", on, "theme", theme, "subjectType", subjectType,
                "gapKind", gapKind, "after", after, "minPosition", minPosition == null ? null : minPosition.toString());
        Map<String, Object> map = api.getMap(path, query);
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid, params("asOf", asOf, "on", on));
        // Words for every organisation the record names; columns for the members on the day shown.
        Organisations names = organisations(partnership);
        LocalDate day = LocalDate.parse(String.valueOf(map.get("on")));

        List<Map<String, Object>> subjects = new ArrayList<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) map.get("subjects")) {
            Map<String, Object> subject = (Map<String, Object>) entry.get("subject");
            List<Map<String, Object>> gaps = (List<Map<String, Object>>) entry.get("gaps");
            if (!given(path, "theme", theme, subject.get("theme"), subject.get("themes"))
                    || !given(path, "subjectType", subjectType, subject.get("type"), null)
                    || !api.acceptsParameter(RequestMethod.GET, path, "gapKind", false) && gapKind != null
                    && !gapKind.isBlank() && gaps.stream().noneMatch(g -> gapKind.equals(g.get("kind")))) {
                continue;
            }
            subjects.add(entry);
        }
        // Columns: the members on the day, then any other organisation that holds a part (one that has left, say).
        Organisations columns = new Organisations(membersOn(partnership, day));
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> gapCounts = new TreeMap<>();
        for (Map<String, Object> entry : subjects) {
            Map<String, List<Cell>> cells = new LinkedHashMap<>();
            for (String role : ROLES) {
                for (Map<String, Object> holder : (List<Map<String, Object>>) entry.getOrDefault(role, List.of())) {
                    String ods = String.valueOf(holder.get("odsCode"));
                    columns.putIfAbsent(ods, String.valueOf(holder.getOrDefault("organisation", ods)));
                    names.putIfAbsent(ods, columns.get(ods));
                    String held = String.valueOf(holder.get("role"));
                    cells.computeIfAbsent(ods, k -> new ArrayList<>()).add(new Cell((String) holder.get("accountabilityId"), held.substring(0, 1),
                            held.charAt(0) + held.substring(1).toLowerCase(), (String) holder.get("post"),
                            (String) holder.get("personName"), role.equals("pending"), holder.get("effectiveFrom"),
                            Boolean.TRUE.equals(holder.get("joint")), Boolean.TRUE.equals(holder.get("accepted")),
                            (String) holder.get("succeededFrom")));
                }
            }
            List<Map<String, Object>> gaps = (List<Map<String, Object>>) entry.get("gaps");
            gaps.forEach(g -> gapCounts.merge(String.valueOf(g.get("kind")), 1, Integer::sum));
            rows.add(new Row((Map<String, Object>) entry.get("subject"), cells, gaps));
        }
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        model.addAttribute("columns", columns);
        model.addAttribute("names", names);
        model.addAttribute("rows", rows);
        model.addAttribute("summary", map.get("summary"));
        model.addAttribute("gapCounts", gapCounts);
        model.addAttribute("next", map.get("next"));
        model.addAttribute("asOf", asOf);
        model.addAttribute("on", on);
        model.addAttribute("theme", theme);
        model.addAttribute("subjectType", subjectType);
        model.addAttribute("gapKind", gapKind);
        model.addAttribute("themes", api.getList("/api/themes", Map.of()));
        model.addAttribute("gapKinds", List.of("NO_ACCOUNTABLE", "JOINT_ACCOUNTABLE", "NON_STATUTORY_ACCOUNTABLE",
                "NOT_ACCEPTED", "HOLDER_WITHDRAWN", "REVIEW_OVERDUE", "NO_STATUTORY_DECIDER", "RATIFICATION_PENDING",
                "RATIFICATION_DECLINED", "ASSURANCE_NOT_MET", "NO_LEAD"));
        model.addAttribute("mayWrite", mayWrite(pid));
        model.addAttribute("onSupported", api.acceptsParameter(RequestMethod.GET, path, "on", false));
        return "matrix";
    }

    /** The map as CSV, through the pages' session (the API's own link would ask for Basic sign-in). */
    @GetMapping("/partnerships/{pid}/matrix.csv")
    ResponseEntity<?> csv(@PathVariable String pid, @RequestParam(required = false) String asOf,
                          @RequestParam(required = false) String on, @RequestParam(required = false) String theme,
                          @RequestParam(required = false) String subjectType,
                          @RequestParam(required = false) String gapKind, HttpServletResponse response) {
        return api.download(MAP.formatted(pid) + ".csv", params("asOf", asOf, "on", on, "theme", theme,
                "subjectType", subjectType, "gapKind", gapKind), response);
    }

    /** A filter the API took is already applied; otherwise it is applied here. */
    private boolean given(String path, String parameter, String wanted, Object value, Object values) {
        if (wanted == null || wanted.isBlank() || api.acceptsParameter(RequestMethod.GET, path, parameter, false)) {
            return true;
        }
        return wanted.equals(value) || values instanceof List<?> list && list.contains(wanted);
    }
}
