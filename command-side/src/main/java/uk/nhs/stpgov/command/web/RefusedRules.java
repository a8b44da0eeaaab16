package uk.nhs.stpgov.command.web;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which field of a request a refused rule (409) is about. The API's refusal of a rule names no field (its problem has
 * a {@code detail}, no {@code errors}); its sentence says which rule refused, and each rule is about one thing the
 * request sent. Every form of the web pages asks here, and so does a CSV import for a refused row's column (its
 * columns are the JSON fields, with the subject as {@code subjectType} and {@code subjectRef}), so a new rule's field is
 * added in this one place.
 */
public final class RefusedRules {
    /** A rule by its sentence, and the fields it may be about, in order: the first the form sent wins. */
    private record Rule(Pattern sentence, List<String> fields) {
    }

    /** A rule about an organisation named first in the sentence: the field that sent that organisation. */
    private static final Pattern ABOUT_A_BODY = Pattern.compile("^([A-Z0-9]{3,10}) (was not a member of|left |"
            + "cannot (rejoin|withdraw|be succeeded|succeed)|is already a member|is not a deciding body|"
            + "has already answered|owes no ratification|does not sit on|joined on)");

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("^Reference .* is already used"), List.of("reference")),
            new Rule(Pattern.compile("^Forum "), List.of("forumId")),
            new Rule(Pattern.compile("^Service change \\S+ is not part of"),
                    List.of("serviceChangeId", "subject", "subjectRef")),
            new Rule(Pattern.compile("^Decision \\S+ (is not (a decision|part) of|is \\w+ and cannot be superseded)"),
                    List.of("supersedes", "subject", "subjectRef", "decisionId")),
            new Rule(Pattern.compile("^No decision of \\S+ has the reference"),
                    List.of("decisionReference", "supersedes")),
            new Rule(Pattern.compile("^Reference \\S+ names decision"), List.of("decisionReference")),
            new Rule(Pattern.compile("^Subject .* already has an ACCOUNTABLE holder"), List.of("role")),
            new Rule(Pattern.compile("^Decision \\S+ was taken on .*; it cannot be"), List.of("ratifiedOn", "on")),
            new Rule(Pattern.compile("cannot be dated .*, after today"),
                    List.of("decidedOn", "proposedOn", "effectiveFrom", "ratifiedOn", "assessedOn", "joinedOn", "on")),
            new Rule(Pattern.compile("^Themes .* are not in forum"), List.of("themes")),
            new Rule(Pattern.compile("^Going back to consultation .* needs a note"), List.of("note")),
            new Rule(Pattern.compile("^Accountability \\S+ is already held by"), List.of("odsCode")));

    private RefusedRules() {
    }

    /**
     * The field of {@code body} (the request sent, by field) that {@code detail} refused, else {@code fallback}. A
     * rule about an organisation names the first field that sent it.
     */
    public static String field(String detail, Map<String, Object> body, String fallback) {
        if (detail == null || body == null) {
            return fallback;
        }
        Matcher aboutBody = ABOUT_A_BODY.matcher(detail);
        if (aboutBody.find()) {
            String code = aboutBody.group(1);
            for (Map.Entry<String, Object> field : body.entrySet()) {
                if (holds(field.getValue(), code)) {
                    return field.getKey();
                }
            }
        }
        for (Rule rule : RULES) {
            if (rule.sentence().matcher(detail).find()) {
                for (String field : rule.fields()) {
                    // A rule about one field names it even when it was left empty (a note the move needs).
                    if (body.containsKey(field) || rule.fields().size() == 1) {
                        return field;
                    }
                }
            }
        }
        return fallback;
    }

    /** Whether a field's value is, or lists, the organisation (a list of codes, or of positions by code). */
    private static boolean holds(Object value, String code) {
        if (value instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> holds(v, code));
        }
        if (value instanceof Map<?, ?> map) {
            return code.equals(map.get("odsCode"));
        }
        return code.equals(value);
    }
}
