package uk.nhs.stpgov.deploy.pages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import uk.nhs.stpgov.query.web.NotFound;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code /partnerships/{pid}/assessments}: theme ratings and confidence over time, and gap counts by kind over time
 * (from the gap query on a series of days), each as an SVG chart with the same figures in a table.
 */
@Controller
class AssessmentPages extends Pages {
    private static final List<String> RATINGS = List.of("EMERGING", "DEVELOPING", "ESTABLISHED", "ADVANCED");
    private static final List<String> CONFIDENCE = List.of("VERY_LOW", "LOW", "MODERATE", "HIGH", "VERY_HIGH");
    private static final int GAP_POINTS = 8;

    private final Clock clock;

    AssessmentPages(InProcessApi api, Clock clock) {
        super(api);
        this.clock = clock;
    }

    record ThemeChart(String title, String svg, List<Map<String, Object>> history) {
    }

    @GetMapping("/partnerships/{pid}/assessments")
    @SuppressWarnings("unchecked")
    String assessments(@PathVariable String pid, Model model) {
        Map<String, Object> partnership = api.getMap("/api/partnerships/" + pid, Map.of());
        Map<String, Object> assessments = api.getMap("/api/partnerships/" + pid + "/assessments",
                params("minPosition", minPosition(model)));
        List<ThemeChart> themes = new ArrayList<>();
        for (Map<String, Object> trend : (List<Map<String, Object>>) assessments.get("themes")) {
            List<Map<String, Object>> history = (List<Map<String, Object>>) trend.get("history");
            if (history == null || history.isEmpty()) {
                continue;
            }
            List<SvgCharts.Point> points = history.stream().map(r -> new SvgCharts.Point(
                    LocalDate.parse(String.valueOf(r.get("assessedOn"))), RATINGS.indexOf(String.valueOf(r.get("rating")))))
                    .toList();
            themes.add(new ThemeChart(String.valueOf(trend.get("title")),
                    SvgCharts.levels("theme-" + trend.get("theme"), trend.get("title") + ": rating over time", RATINGS,
                            points), history));
        }
        List<Map<String, Object>> confidence = (List<Map<String, Object>>) assessments.get("confidence");
        String confidenceChart = confidence.isEmpty() ? null : SvgCharts.levels("confidence",
                "Confidence over time", CONFIDENCE, confidence.stream().map(c -> new SvgCharts.Point(
                        LocalDate.parse(String.valueOf(c.get("recordedOn"))),
                        CONFIDENCE.indexOf(String.valueOf(c.get("level"))))).toList());

        // Gap counts on a series of days, from the first member's joining to today.
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/London")));
        LocalDate start = ((List<Map<String, Object>>) partnership.get("members")).stream()
                .map(m -> LocalDate.parse(String.valueOf(m.get("joinedOn")))).min(LocalDate::compareTo).orElse(today);
        List<LocalDate> days = new ArrayList<>();
        long span = Math.max(1, today.toEpochDay() - start.toEpochDay());
        for (int i = 1; i <= GAP_POINTS; i++) {
            days.add(LocalDate.ofEpochDay(start.toEpochDay() + span * i / GAP_POINTS));
        }
        boolean byBusinessDay = api.acceptsParameter(RequestMethod.GET, "/api/partnerships/" + pid + "/gaps", "on",
                false);
        Map<LocalDate, Map<String, Integer>> counts = new LinkedHashMap<>();
        TreeSet<String> kinds = new TreeSet<>();
        for (LocalDate day : days) {
            Map<String, Integer> byKind = new TreeMap<>();
            try {
                for (Map<String, Object> gap : api.getList("/api/partnerships/" + pid + "/gaps", byBusinessDay
                        ? params("on", day.toString()) : params("asOf", day.toString()))) {
                    byKind.merge(String.valueOf(gap.get("kind")), 1, Integer::sum);
                }
            } catch (NotFound notYetRecorded) {
                // The partnership was not on the record yet at that instant: no gaps to count.
            }
            kinds.addAll(byKind.keySet());
            counts.put(day, byKind);
        }
        model.addAttribute("pid", pid);
        model.addAttribute("p", partnership);
        model.addAttribute("themes", themes);
        model.addAttribute("confidence", confidence);
        model.addAttribute("orgs", organisations(partnership));
        model.addAttribute("confidenceChart", confidenceChart);
        model.addAttribute("gapKinds", new ArrayList<>(kinds));
        model.addAttribute("gapCounts", counts);
        model.addAttribute("gapsByBusinessDay", byBusinessDay);
        model.addAttribute("gapChart", kinds.isEmpty() ? null : SvgCharts.stacked("gaps", "Gaps by kind over time",
                days, new ArrayList<>(kinds), counts));
        return "assessments";
    }
}
