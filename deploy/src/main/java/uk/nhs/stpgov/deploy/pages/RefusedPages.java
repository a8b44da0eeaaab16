package uk.nhs.stpgov.deploy.pages;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import uk.nhs.stpgov.deploy.web.Problems;

/**
 * A page request refused before it reached its page (Problems.refuse: a file over the size limit, too many failed
 * sign-ins), shown as the page it came from with the reason beside the field it is about, in the refusal's status.
 */
@Controller
class RefusedPages extends Pages {
    private static final PathPattern IMPORTS = PathPatternParser.defaultInstance.parse("/partnerships/{pid}/imports");

    private final ImportPages imports;
    private final long maxBytes;

    RefusedPages(InProcessApi api, ImportPages imports, @Value("${stpgov.max-request-bytes:1048576}") long maxBytes) {
        super(api);
        this.imports = imports;
        this.maxBytes = maxBytes;
    }

    @RequestMapping(Problems.REFUSED_PAGE)
    String refused(HttpServletRequest request, Model model, HttpServletResponse response) {
        if (!(request.getAttribute(Problems.REFUSED) instanceof ProblemDetail problem)) {
            return problemPage(404, "Page not found", "There is no page at this address.", model, response);
        }
        response.setStatus(problem.getStatus());
        String from = String.valueOf(request.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH));
        if ("/login".equals(from)) {
            model.addAttribute("refusal", problem.getDetail());
            return "login";
        }
        PathPattern.PathMatchInfo upload = IMPORTS.matchAndExtract(PathContainer.parsePath(from));
        if (upload != null && mayWrite(upload.getUriVariables().get("pid")) && problem.getStatus() == 413) {
            model.addAttribute("fileError", "The file is larger than " + size(maxBytes)
                    + ": split it into files of up to " + size(maxBytes) + " and import each");
            return imports.imports(upload.getUriVariables().get("pid"), model);
        }
        return problemPage(problem.getStatus(), problem.getTitle(), problem.getDetail(), model, response);
    }

    /** 1048576 bytes as people say it: "1 MB". */
    private static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : Math.max(1, bytes / 1024) + " KB";
    }
}
