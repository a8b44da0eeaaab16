package uk.nhs.stpgov.deploy.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import uk.nhs.stpgov.query.web.InvalidParameter;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.NotReadyYet;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every page controller shares: who is signed in, whether they may write to a partnership, and failures shown
 * as pages (the API's advices would answer JSON; a controller's own handlers come first).
 */
abstract class Pages {
    private static final Logger log = LoggerFactory.getLogger(Pages.class);

    protected final InProcessApi api;

    protected Pages(InProcessApi api) {
        this.api = api;
    }

    /** Who is signed in, or null for a visitor (Spring Security's anonymous token, named "anonymousUser", is nobody). */
    @ModelAttribute("signedInAs")
    String signedInAs() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken ? null
                : user.getName();
    }

    @ModelAttribute("isAuditor")
    boolean isAuditor() {
        return roles().contains("ROLE_AUDITOR") || roles().contains("ROLE_ADMIN");
    }

    /** Writes as the API allows them: an administrator, or the partnership's own programme office. */
    static boolean mayWrite(String partnershipId) {
        Set<String> roles = roles();
        return roles.contains("ROLE_ADMIN")
                || roles.contains("ROLE_PROGRAMME_OFFICE") && roles.contains("PARTNERSHIP_" + partnershipId);
    }

    private static Set<String> roles() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user == null ? Set.of() : user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
    }

    /** Query parameters for the API, leaving out those not given. */
    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null && !namesAndValues[i + 1].isBlank()) {
                params.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return params;
    }

    /**
     * The organisations of a partnership by ODS code, for showing names rather than codes; and its forums by id,
     * which the API's refusals name them by (a UUID never equals an ODS code).
     */
    @SuppressWarnings("unchecked")
    static Organisations organisations(Map<String, Object> partnership) {
        Organisations names = new Organisations();
        for (Map<String, Object> member : (List<Map<String, Object>>) partnership.getOrDefault("members", List.of())) {
            names.put(String.valueOf(member.get("odsCode")), String.valueOf(member.get("name")));
        }
        for (Map<String, Object> forum : (List<Map<String, Object>>) partnership.getOrDefault("forums", List.of())) {
            names.putIfAbsent(String.valueOf(forum.get("id")), String.valueOf(forum.get("name")));
        }
        return names;
    }

    /**
     * The partnership's members on {@code day}, by name: those with a period (API {@code periods}) that covers it,
     * joined on or before it and not gone before it (the leaving day still counts, as the ledger judges acts).
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> membersOn(Map<String, Object> partnership, LocalDate day) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Map<String, Object> member : (List<Map<String, Object>>) partnership.getOrDefault("members", List.of())) {
            boolean sits = ((List<Map<String, Object>>) member.getOrDefault("periods", List.of())).stream()
                    .anyMatch(period -> !LocalDate.parse(String.valueOf(period.get("joinedOn"))).isAfter(day)
                            && (period.get("withdrawnOn") == null
                            || !LocalDate.parse(String.valueOf(period.get("withdrawnOn"))).isBefore(day)));
            if (sits) {
                names.put(String.valueOf(member.get("odsCode")), String.valueOf(member.get("name")));
            }
        }
        return names;
    }

    /** A form's outcome: the answer (to redirect to), or the form again with the API's refusal beside its fields. */
    @SuppressWarnings("unchecked")
    protected String submit(String apiPath, Map<String, String> parameters, Object body, String ruleField,
                            Model model, RedirectAttributes redirect, HttpServletResponse response,
                            java.util.function.Function<InProcessApi.Written, String> then, String notice,
                            java.util.function.Supplier<String> formAgain) {
        try {
            InProcessApi.Written written = api.post(apiPath, parameters, body);
            redirect.addFlashAttribute("minPosition", written.position());
            redirect.addFlashAttribute("notice", notice);
            return "redirect:" + then.apply(written);
        } catch (InProcessApi.Refused refused) {
            Object sentId = body instanceof Map<?, ?> sent ? sent.get("id") : null;
            if (sentId != null && String.valueOf(refused.problem().get("type")).endsWith("/duplicate-id")) {
                // The form's own id, chosen when it was shown (newRecordForm). Recorded once only if the stored record
                // is this form's as sent: changed content (Back, corrected, sent again) or an id from elsewhere would
                // otherwise be dropped with a success.
                String[] path = apiPath.split("/"); // /api/partnerships/{pid}/{records}, read at /api/{records}/{id}
                String record = "/" + path[4] + "/" + sentId;
                Map<String, Object> stored = storedAsThisUser("/api" + record);
                if (stored != null && path[3].equals(stored.get("partnershipId"))
                        && sameAsSent((Map<String, Object>) body, stored)) {
                    redirect.addFlashAttribute("notice", "This form had already been sent: it is recorded once");
                    return "redirect:" + then.apply(new InProcessApi.Written(Map.of("id", sentId), 0));
                }
                response.setStatus(409);
                // Another partnership's record is neither linked to nor said to be one, nor its id shown again.
                model.addAttribute("errors", stored != null && path[3].equals(stored.get("partnershipId"))
                        ? FormErrors.one("This form's record was already recorded with other details: check it "
                        + "here. Sending this form again records a new one", record)
                        : FormErrors.one("This form could not be recorded as it was: sending it again records a new "
                        + "one", "#title"));
                if (model.getAttribute("form") instanceof Map<?, ?> shown) {
                    ((Map<String, Object>) shown).put("id", java.util.UUID.randomUUID().toString());
                }
                return formAgain.get();
            }
            Object status = refused.problem().get("status");
            response.setStatus(status instanceof Number n ? n.intValue() : 400);
            model.addAttribute("errors", FormErrors.of(refused.problem(), ruleField,
                    body instanceof Map<?, ?> sent ? (Map<String, Object>) sent : Map.of()));
            return formAgain.get();
        }
    }

    /** The record as this user may read it once the write that refused the id is readable, or null. */
    private Map<String, Object> storedAsThisUser(String path) {
        try {
            return api.getMap(path, params("minPosition", Long.toString(api.position())));
        } catch (RuntimeException notReadable) { // not found, not theirs to read, or not readable yet
            return null;
        }
    }

    /**
     * Whether a stored record is what the form sent: each sent field as stored (a list in any order, a nested field
     * by the parts sent), and each optional field left out stored empty. Fields the API fills in when left out
     * (a proposal's date and substantial) are not asked.
     */
    static boolean sameAsSent(Map<String, Object> sent, Map<String, Object> stored) {
        for (String optional : List.of("reference", "forumId", "serviceChangeId", "rationale", "supersedes",
                "positions", "description", "personName", "reviewBy", "joint")) {
            Object value = stored.get(optional);
            if (!sent.containsKey(optional) && value != null && !value.equals(false) && !value.equals(List.of())
                    && !String.valueOf(value).isBlank()) {
                return false;
            }
        }
        return sent.entrySet().stream().filter(field -> !field.getKey().equals("id"))
                .allMatch(field -> same(field.getValue(), stored.get(field.getKey())));
    }

    private static boolean same(Object sent, Object stored) {
        if (sent instanceof Map<?, ?> fields) {
            return stored instanceof Map<?, ?> storedFields && fields.entrySet().stream()
                    .allMatch(field -> same(field.getValue(), storedFields.get(field.getKey())));
        }
        if (sent instanceof List<?> items) {
            return stored instanceof List<?> storedItems && items.size() == storedItems.size()
                    && items.stream().allMatch(item -> storedItems.stream().anyMatch(s -> same(item, s)));
        }
        return stored != null && String.valueOf(sent).equals(String.valueOf(stored));
    }

    /** A refused form's errors placed at its inputs, whose ids are not the fields' names (see FormErrors.forInputs). */
    static void atInputs(Model model, java.util.function.UnaryOperator<String> inputId) {
        model.addAttribute("errors", ((FormErrors) model.getAttribute("errors")).forInputs(inputId));
    }

    /** The position a form's write reached, passed on by the redirect, so the next page shows it. */
    static String minPosition(Model model) {
        Object position = model.getAttribute("minPosition");
        return position == null ? null : position.toString();
    }

    /**
     * An empty form that creates a record, with the record's id chosen now (a hidden field): the same form sent twice
     * names the same record, which the ledger refuses to create again, so it is recorded once (see {@link #submit}).
     */
    static Map<String, Object> newRecordForm() {
        Map<String, Object> form = formValues(null);
        form.put("id", java.util.UUID.randomUUID().toString());
        return form;
    }

    /** What was typed, to show the form again; an empty form when {@code form} is null. */
    static Map<String, Object> formValues(MultiValueMap<String, String> form) {
        Map<String, Object> values = new InProcessApi.JsonObject();
        if (form != null) {
            form.forEach((name, list) -> values.put(name, list.isEmpty() ? null : list.get(0)));
        }
        return values;
    }

    /** A form's fields: single values as text; blank ones left out, as the API treats a missing field. */
    static Map<String, Object> fields(MultiValueMap<String, String> form, String... names) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String name : names) {
            String value = form.getFirst(name);
            if (value != null && !value.isBlank()) {
                body.put(name, value.strip());
            }
        }
        return body;
    }

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(HttpServletResponse response) {
        response.setStatus(403);
        return "forbidden";
    }

    /**
     * Not found, or (asked {@code asOf} an instant) not yet recorded then: a partnership back-loaded in 2026 has no
     * record as of 2018, though its history goes back further (ask with {@code on} for the state on a day).
     */
    @ExceptionHandler(NotFound.class)
    String notFound(NotFound e, Model model, HttpServletResponse response, jakarta.servlet.http.HttpServletRequest
            request) {
        String asOf = request.getParameter("asOf");
        if (asOf != null && !asOf.isBlank()) {
            return problemPage(404, "Not yet recorded then", e.getMessage() + " as the record stood at " + asOf
                    + ". A history recorded later is not shown as of an earlier instant: to see the state in force "
                    + "on a day, choose the day (on) and leave the instant empty.", model, response);
        }
        return problemPage(404, "Page not found", e.getMessage(), model, response);
    }

    /** What the command side does not know, read by a page (an import template of no such kind): as the API, 404. */
    @ExceptionHandler(uk.nhs.stpgov.command.common.UnknownEntity.class)
    String unknown(RuntimeException e, Model model, HttpServletResponse response) {
        return problemPage(404, "Page not found", e.getMessage(), model, response);
    }

    @ExceptionHandler(InvalidParameter.class)
    String invalid(InvalidParameter e, Model model, HttpServletResponse response) {
        return problemPage(400, "Check the address", e.getMessage(), model, response);
    }

    /** A parameter of the wrong form in the address (`?afterIndex=abc`) is the reader's to fix, not a failure. */
    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    String mistyped(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e, Model model,
                    HttpServletResponse response) {
        return problemPage(400, "Check the address", "'" + e.getValue() + "' is not a valid " + e.getName() + ".",
                model, response);
    }

    /** An address whose parameters cannot be decoded (`?on=%%`), as the API answers it: the reader's to fix. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    String undecodable(Model model, HttpServletResponse response) {
        return problemPage(400, "Check the address", "A part of the address after '?' could not be read: its "
                + "percent-encoded characters must be UTF-8.", model, response);
    }

    /**
     * A parameter the firewall refuses (a control character, `?on=%00`), read by the page when it bound it: the
     * reader's to fix, as the API answers it (400), not a failure of the service.
     */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    String rejected(Model model, HttpServletResponse response) {
        return problemPage(400, "Check the address", "A value in the address holds characters that are not allowed "
                + "(control characters such as %00).", model, response);
    }

        @ExceptionHandler(NotReadyYet.class)
    String notReady(NotReadyYet e, Model model, HttpServletResponse response) {
        response.setHeader("Retry-After", "1");
        return problemPage(503, "Not ready yet", e.getMessage() + ". Reload the page in a moment.", model, response);
    }

    @ExceptionHandler(InProcessApi.Refused.class)
    String refused(InProcessApi.Refused e, Model model, HttpServletResponse response) {
        Object status = e.problem().get("status");
        return problemPage(status instanceof Number n ? n.intValue() : 400, String.valueOf(e.problem().get("title")),
                e.getMessage(), model, response);
    }

    @ExceptionHandler(RuntimeException.class)
    String failed(RuntimeException e, Model model, HttpServletResponse response) {
        log.error("A page failed", e);
        return problemPage(500, "Sorry, there is a problem with the service",
                "The page could not be shown; the failure has been logged. Try again later.", model, response);
    }

    protected String problemPage(int status, String title, String detail, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        model.addAttribute("signedInAs", signedInAs());
        model.addAttribute("isAuditor", isAuditor());
        return "problem";
    }
}
