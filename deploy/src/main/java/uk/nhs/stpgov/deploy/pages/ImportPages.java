package uk.nhs.stpgov.deploy.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /partnerships/{pid}/imports}: upload a CSV file for one of the imports, check it first (a dry run: what
 * would be written, or every error by row and column), then import it. The same import endpoints as the API.
 */
@Controller
class ImportPages extends Pages {
    private static final List<String> KINDS = List.of("members", "forums", "decisions", "ratifications",
            "accountabilities");

    private static final int PREVIEW_ROWS = 200;

    ImportPages(InProcessApi api) {
        super(api);
    }

    record Kind(String name, boolean dryRun, boolean template) {
    }

    @GetMapping("/partnerships/{pid}/imports")
    String imports(@PathVariable String pid, Model model) {
        model.addAttribute("pid", pid);
        model.addAttribute("p", api.getMap("/api/partnerships/" + pid, Map.of()));
        model.addAttribute("kinds", kinds(pid));
        return "imports";
    }

    /** The template of one import, through the pages' session (the API's own link would ask for Basic sign-in). */
    @GetMapping("/imports/{kind}/template.csv")
    ResponseEntity<?> template(@PathVariable String kind, HttpServletResponse response) {
        return api.download("/api/imports/" + kind + "/template.csv", Map.of(), response);
    }

    @PostMapping("/partnerships/{pid}/imports")
    String upload(@PathVariable String pid, @RequestParam String kind, @RequestParam(required = false) String mode,
                  @RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response)
            throws IOException {
        boolean dryRun = !"import".equals(mode);
        Kind chosen = kinds(pid).stream().filter(k -> k.name().equals(kind)).findFirst().orElse(null);
        model.addAttribute("kind", kind);
        model.addAttribute("dryRun", dryRun);
        if (chosen == null || file == null || file.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("message", chosen == null ? "Choose what to import" : "Choose a CSV file to upload");
            return imports(pid, model);
        }
        if (dryRun && !chosen.dryRun()) {
            response.setStatus(400);
            model.addAttribute("message", "This import cannot be checked without writing yet; nothing was written");
            return imports(pid, model);
        }
        byte[] csv = file.getBytes();
        model.addAttribute("fileName", file.getOriginalFilename());
        // The preview only shows the rows; the API reads the bytes and refuses a file that is not UTF-8.
        model.addAttribute("rows", preview(new String(csv, StandardCharsets.UTF_8)));
        try {
            InProcessApi.Written written = api.post("/api/partnerships/" + pid + "/imports/" + kind,
                    dryRun ? Map.of("dryRun", "true") : Map.of(), csv);
            model.addAttribute("result", written.body());
        } catch (InProcessApi.Refused refused) {
            Object status = refused.problem().get("status");
            response.setStatus(status instanceof Number n ? n.intValue() : 400);
            model.addAttribute("problem", refused.problem());
        }
        return imports(pid, model);
    }

    private List<Kind> kinds(String pid) {
        List<Kind> kinds = new ArrayList<>();
        for (String kind : KINDS) {
            String path = "/api/partnerships/" + pid + "/imports/" + kind;
            if (api.acceptsParameter(RequestMethod.POST, path, "dryRun", true) || handlesCsv(path)) {
                kinds.add(new Kind(kind, api.acceptsParameter(RequestMethod.POST, path, "dryRun", true),
                        api.handles(RequestMethod.GET, "/api/imports/" + kind + "/template.csv")));
            }
        }
        return kinds;
    }

    /** The file's header and first rows, to show what a dry run would write; unreadable CSV is the API's to report. */
    private static List<List<String>> preview(String csv) {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get()
                .parse(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv))) {
            for (CSVRecord record : parser) {
                if (rows.size() > PREVIEW_ROWS) {
                    break;
                }
                rows.add(record.toList());
            }
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
        return rows;
    }

    private boolean handlesCsv(String path) {
        return api.handlesCsv(path);
    }
}
