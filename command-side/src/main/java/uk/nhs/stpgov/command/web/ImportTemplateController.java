package uk.nhs.stpgov.command.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.command.common.UnknownEntity;

import java.util.Arrays;

/**
 * {@code GET /api/imports/{kind}/template.csv}: the header row and one example row of each CSV import, so a programme
 * office can start from a file the import accepts. Lists in a cell are separated by spaces or semicolons.
 */
@RestController
class ImportTemplateController {
    @GetMapping("/api/imports/{kind}/template.csv")
    ResponseEntity<String> template(@PathVariable String kind) {
        String template = ImportKind.named(kind).map(ImportKind::template).orElseThrow(() -> new UnknownEntity(
                "import kind (one of " + Arrays.stream(ImportKind.values()).map(ImportKind::path).sorted().toList()
                        + ")", kind));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + kind + "-template.csv\"")
                .body(template);
    }
}
