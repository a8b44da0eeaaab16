package uk.nhs.stpgov.deploy.pages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /}: the partnerships the signed-in user may read, each with its gaps counted by kind. */
@Controller
class HomePages extends Pages {
    HomePages(InProcessApi api) {
        super(api);
    }

    record Row(Map<String, Object> partnership, int gaps, Map<String, Integer> byKind) {
    }

    @GetMapping("/")
    String home(Model model) {
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> partnership : api.getList("/api/partnerships", Map.of())) {
            List<Map<String, Object>> gaps = api.getList("/api/partnerships/" + partnership.get("id") + "/gaps",
                    Map.of());
            Map<String, Integer> byKind = new TreeMap<>();
            gaps.forEach(gap -> byKind.merge(String.valueOf(gap.get("kind")), 1, Integer::sum));
            rows.add(new Row(partnership, gaps.size(), byKind));
        }
        model.addAttribute("rows", rows);
        return "home";
    }
}
