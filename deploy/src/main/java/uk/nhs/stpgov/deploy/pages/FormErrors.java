package uk.nhs.stpgov.deploy.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.command.web.RefusedRules;

/**
 * A refused form in GOV.UK's error summary pattern: each message once in the summary (linking to its field) and
 * again next to the field. The messages are the API's own (its problem's {@code errors}, or its {@code detail} for
 * a refused rule, which a form places next to the field the rule is about).
 */
record FormErrors(String detail, List<Item> summary, Map<String, String> byField, UnaryOperator<String> inputId) {

    record Item(String text, String href) {
    }

    static FormErrors none() {
        return new FormErrors(null, List.of(), Map.of(), UnaryOperator.identity());
    }

    /** One error about the whole form, its summary linking to {@code href} (another page, say). */
    static FormErrors one(String text, String href) {
        return new FormErrors(text, List.of(new Item(text, href)), Map.of(), UnaryOperator.identity());
    }

    /**
     * {@code ruleField}: where a refusal without a field is shown when its rule names none of the form's fields
     * ({@link RefusedRules}); {@code body}: the command the form sent.
     */
    @SuppressWarnings("unchecked")
    static FormErrors of(Map<String, Object> problem, String ruleField, Map<String, Object> body) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<Item> summary = new ArrayList<>();
        Object errors = problem.get("errors");
        if (errors instanceof List<?> list) {
            for (Object e : list) {
                Map<String, Object> error = (Map<String, Object>) e;
                String field = fieldOf(error.get("field"), ruleField);
                String message = words(field, String.valueOf(error.get("message")));
                byField.putIfAbsent(field, message);
                summary.add(new Item(message, "#" + field));
            }
        }
        summary.sort(java.util.Comparator.comparingInt(item -> pageOrder(item.href().substring(1))));
        String detail = String.valueOf(problem.get("detail"));
        if (summary.isEmpty()) {
            String field = RefusedRules.field(detail, body, ruleField);
            byField.put(field, detail);
            summary.add(new Item(detail, "#" + field));
        }
        return new FormErrors(detail, summary, byField, UnaryOperator.identity());
    }

    /**
     * The same errors for a form whose inputs' ids are not its fields' names: one of several forms on a page (each
     * decision's ratify form, {@code ratifiedOn-<id>}; a member's withdrawal form, {@code withdrawal-on}). The summary
     * links to those inputs and each error is shown with its input's id.
     */
    FormErrors forInputs(UnaryOperator<String> inputId) {
        return new FormErrors(detail, summary.stream().map(item -> new Item(item.text(),
                "#" + inputId.apply(item.href().substring(1)))).toList(), byField, inputId);
    }

    public boolean any() {
        return !summary.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }

    /** The id of the field's input on the page. */
    public String id(String field) {
        return inputId.apply(field);
    }

    /** {@code subject.ref} and {@code decidingOdsCodes[0]} name the inputs {@code subject} and {@code decidingOdsCodes}. */
    private static String fieldOf(Object field, String fallback) {
        if (field == null || String.valueOf(field).isBlank()) {
            return fallback;
        }
        // The form's input for a nested field is its first part: subject.ref is the subject list, positions[2] the positions.
        return String.valueOf(field).replaceAll("<[^>]*>", "").split("[.\\[]")[0];
    }

    /**
     * The forms' fields in page order, each form's in the order it shows them (a form's fields keep their order
     * here), so the summary lists errors as the page does (GOV.UK); the API's errors come in no set order.
     */
    private static final List<String> PAGE_ORDER = List.of("subject", "title", "reference", "kind", "theme", "themes",
            "forumId", "serviceChangeId", "leadOdsCode", "decidingOdsCodes", "positions", "outcome", "role", "stage",
            "status", "name", "successorOdsCode", "successorName", "sector", "on", "odsCode", "post", "personName",
            "description", "decidedOn", "proposedOn", "effectiveFrom", "ratifiedOn", "reviewBy", "nextReviewBy",
            "rationale", "supersedes", "note", "test", "result", "evidence", "assessedOn", "assessor", "reason");

    /** A field not listed comes after those listed, in the API's order (the sort is stable). */
    private static int pageOrder(String field) {
        int index = PAGE_ORDER.indexOf(field);
        return index < 0 ? PAGE_ORDER.size() : index;
    }

    /** The identifier shapes (command.web.Patterns) in words: a regular expression is no help to a person. */
    private static final Map<String, String> SHAPES = Map.of(
            Patterns.REFERENCE, "must be letters, digits, spaces and / . _ -, starting with a letter or digit, "
                    + "at most 64 characters",
            Patterns.ODS_CODE, "must be an ODS code: 3 to 10 capital letters and digits",
            Patterns.UUID, "must be an id such as 123e4567-e89b-12d3-a456-426614174000",
            Patterns.PARTNERSHIP_ID, "must be 2 to 40 lower-case letters, digits and hyphens, starting with a "
                    + "letter or digit");

    /** Bean Validation's "must not be null" as GOV.UK says it: "Enter the date decided". */
    private static String words(String field, String message) {
        if (message.startsWith("must match \"") && message.endsWith("\"")) {
            String shape = SHAPES.get(message.substring("must match \"".length(), message.length() - 1));
            return label(field) + " " + (shape != null ? shape : "is not in the form expected");
        }
        return switch (message) {
            case "must not be null", "must not be blank", "must not be empty" -> "Enter " + label(field).toLowerCase();
            default -> label(field) + " " + message;
        };
    }

    /** Field names in words, so "decidedOn must not be null" reads "Date decided must not be null". */
    private static String label(String field) {
        return switch (field) {
            case "title" -> "Title";
            case "theme" -> "Theme";
            case "outcome" -> "Outcome";
            case "decidedOn" -> "Date decided";
            case "decidingOdsCodes" -> "Deciding bodies";
            case "rationale" -> "Rationale";
            case "forumId" -> "Forum";
            case "subject-type", "subject" -> "Subject";
            case "subject-ref" -> "Subject";
            case "role" -> "Role";
            case "odsCode" -> "Organisation";
            case "post" -> "Post";
            case "effectiveFrom" -> "Date it takes effect";
            case "kind" -> "Kind";
            case "leadOdsCode" -> "Lead organisation";
            case "description" -> "Description";
            case "themes" -> "Themes";
            case "stage" -> "Stage";
            case "test" -> "Assurance test";
            case "result" -> "Result";
            case "evidence" -> "Evidence";
            case "ratifiedOn" -> "Date";
            case "proposedOn" -> "Date proposed";
            case "serviceChangeId" -> "Service change";
            case "reference" -> "Minute reference";
            case "supersedes" -> "Supersedes";
            case "positions" -> "Positions";
            case "on" -> "Date";
            case "reason" -> "Reason";
            case "assessedOn" -> "Assessed on";
            case "assessor" -> "Assessor";
            case "personName" -> "Name of the person";
            case "reviewBy" -> "Review by";
            case "nextReviewBy" -> "Next review by";
            case "successorOdsCode" -> "Successor's ODS code";
            case "successorName" -> "Successor's name";
            default -> field.isEmpty() ? "The form" : inWords(field);
        };
    }

    /** A field the list above does not name, in words: "joinedOn" reads "Joined on", not "joinedon". */
    static String inWords(String field) {
        String words = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
