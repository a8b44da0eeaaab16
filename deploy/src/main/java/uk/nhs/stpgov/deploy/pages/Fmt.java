package uk.nhs.stpgov.deploy.pages;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates as people write them (7 June 2018), codes in words, organisations by name; {@code ${@fmt…}} in templates. */
@Component("fmt")
class Fmt {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);
    private static final java.util.Set<String> ACRONYMS = java.util.Set.of("NHS", "CCG", "ICB", "GP", "STP", "ICS");
    /** Proper nouns keep their capital wherever they stand ("NHS England"). */
    private static final java.util.Set<String> PROPER = java.util.Set.of("ENGLAND");
    private final ZoneId zone;

    Fmt() {
        this.zone = ZoneId.of("Europe/London");
    }

    public String date(Object iso) {
        if (iso == null || String.valueOf(iso).isBlank()) {
            return "";
        }
        try {
            return LocalDate.parse(String.valueOf(iso)).format(DAY);
        } catch (DateTimeParseException e) {
            return String.valueOf(iso);
        }
    }

    public String time(Object iso) {
        if (iso == null) {
            return "";
        }
        try {
            return Instant.parse(String.valueOf(iso)).atZone(zone).format(TIME);
        } catch (DateTimeParseException e) {
            return String.valueOf(iso);
        }
    }

    /** {@code PROGRAMME_BOARD} → "Programme board". */
    public String words(Object code) {
        if (code == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String word : String.valueOf(code).split("_")) {
            String lower = word.toLowerCase(Locale.UK);
            text.append(text.isEmpty() ? "" : " ").append(ACRONYMS.contains(word) ? word
                    : (text.isEmpty() || PROPER.contains(word)) && !lower.isEmpty()
                    ? Character.toUpperCase(lower.charAt(0)) + lower.substring(1) : lower);
        }
        return text.toString();
    }

    private static final Pattern ISO_DAY = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    /** A stage or status the API's sentences name by its code ("while the change is PROPOSED"). */
    private static final Pattern STATE = Pattern.compile("\\b(is|was|at|to|from) (PROPOSED|ENGAGEMENT|CONSULTATION|"
            + "DECIDED|IMPLEMENTING|COMPLETED|WITHDRAWN|ACTIVE|SUPERSEDED|RESCINDED)\\b");

    /** A code of several words ("BED_REDUCTION", "[CLINICAL_EVIDENCE]", "NOT_MET"); ODS codes have no "_". */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    /** An assurance result of one word ("are MET or NOT_APPLICABLE"). */
    private static final Pattern MET = Pattern.compile("\\b(are|is|be) MET\\b");
    /** A theme named by its code: as a subject ("THEME:FINANCE") or in a delegation ("delegation of FINANCE"). */
    private static final Pattern THEME = Pattern.compile("(THEME:|(?<=delegation of ))("
            + java.util.Arrays.stream(uk.nhs.stpgov.events.ThemeCode.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.joining("|")) + ")\\b");

    /**
     * The API's sentence (a gap's explanation, a refusal) as people write it: each organisation by name instead of
     * its code, said once where the API already gives the name beside the code ("NHS Leeds CCG (15F)", "15F (NHS
     * Leeds CCG)", "15F Chief Finance Officer, NHS Leeds CCG"), each date as a date ("has not been accepted 14 days
     * after 1 July 2022"), a stage, a theme and other codes in words ("bed reduction", "not met"), a forum by name
     * (its id is in {@code organisations}, as {@link Pages#organisations} makes them, which compiles its pattern once
     * for the page).
     */
    public String prose(Map<String, String> organisations, Object text) {
        if (text == null) {
            return "";
        }
        String words = ISO_DAY.matcher(String.valueOf(text)).replaceAll(m -> Matcher.quoteReplacement(
                date(m.group(1))));
        words = STATE.matcher(words).replaceAll(m -> m.group(1) + " " + words(m.group(2)).toLowerCase(Locale.UK));
        words = THEME.matcher(words).replaceAll(m -> (m.group(1).isEmpty() ? "" : "theme ") + words(m.group(2)));
        words = MET.matcher(words).replaceAll("$1 met");
        words = CODE.matcher(words).replaceAll(m -> Matcher.quoteReplacement(lower(m.group())));
        if (organisations == null || organisations.isEmpty()) {
            return words;
        }
        Pattern codes = organisations instanceof Organisations known ? known.codes()
                : Organisations.compile(organisations.keySet());
        Matcher code = codes.matcher(words);
        StringBuilder out = new StringBuilder(words.length() + 64);
        int from = 0;
        while (code.find()) {
            if (code.start() < from) {
                continue; // inside a name already written
            }
            String name = organisations.get(code.group(1));
            out.append(words, from, code.start());
            int end = code.end();
            String after = words.substring(end);
            if (after.startsWith(" (" + name + ")")) {
                out.append(name); // "15F (NHS Leeds CCG)"
                end += name.length() + 3;
            } else if (after.startsWith(")") && out.toString().endsWith(name + " (")) {
                out.setLength(out.length() - 2); // "NHS Leeds CCG (15F)"
                end += 1;
            } else if (clause(after).contains(", " + name)) {
                end += after.startsWith(" ") ? 1 : 0; // "15F Chief Finance Officer, NHS Leeds CCG": named after
            } else {
                out.append(name);
            }
            from = end;
        }
        return out.append(words, from, words.length()).toString();
    }

    /** {@code GP_COMMISSIONER_SUPPORT} → "GP commissioner support": a code inside a sentence. */
    private String lower(String code) {
        StringBuilder text = new StringBuilder();
        for (String word : code.split("_")) {
            text.append(text.isEmpty() ? "" : " ").append(ACRONYMS.contains(word) ? word
                    : PROPER.contains(word) ? words(word) : word.toLowerCase(Locale.UK));
        }
        return text.toString();
    }

    /** The rest of one item of a sentence: up to the next item of a list or the end of a bracket. */
    private static String clause(String text) {
        int end = text.length();
        for (char stop : new char[]{';', ']', '\n'}) {
            int at = text.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(0, end);
    }

    /** The organisation's name, or its code when it is not (or no longer) a member. */
    public String org(Map<String, String> organisations, Object odsCode) {
        String code = String.valueOf(odsCode);
        return organisations == null ? code : organisations.getOrDefault(code, code);
    }

    /**
     * The organisation by name with its lineage, as the API gives it ({@code succeededFrom}): a successor that took
     * over a predecessor's part says so, so a body that absorbed a deciding body is not shown twice alike.
     */
    public String org(Map<String, String> organisations, Object odsCode, Object succeededFrom) {
        return org(organisations, odsCode) + (succeededFrom == null || String.valueOf(succeededFrom).isBlank() ? ""
                : " (successor of " + org(organisations, succeededFrom) + ")");
    }

    /**
     * When and why a member left, or empty while it is a member: the day (its last as a member, as the API gives
     * it), then "withdrew: reason" or "succeeded by" the successor by name; in the future tense ("withdraws", "to be
     * succeeded by") when that day is after {@code day}, the day the page shows (a planned act, dated ahead).
     */
    public String left(Map<String, String> organisations, Map<String, Object> member, Object day) {
        Object on = member == null ? null : member.get("withdrawnOn");
        if (on == null) {
            return "";
        }
        boolean ahead = leaves(member, day);
        Object successor = member.get("succeededBy");
        Object reason = member.get("withdrawReason");
        String why = successor != null ? (ahead ? "to be succeeded by " : "succeeded by ")
                + org(organisations, successor)
                + (reason == null || String.valueOf(reason).isBlank() ? "" : " (" + reason + ")")
                : (ahead ? "withdraws" : "withdrew")
                + (reason == null || String.valueOf(reason).isBlank() ? "" : ": " + reason);
        return date(on) + ", " + why;
    }

    /** Whether the member's leaving day is after {@code day} (ISO; none: not known, so not ahead). */
    public boolean leaves(Map<String, Object> member, Object day) {
        Object on = member == null ? null : member.get("withdrawnOn");
        return on != null && day != null
                && LocalDate.parse(String.valueOf(on)).isAfter(LocalDate.parse(String.valueOf(day)));
    }

    /** A partnership's status in words. */
    public String status(Object code) {
        return switch (String.valueOf(code)) {
            case "STP" -> "Sustainability and transformation partnership";
            case "ICS" -> "Integrated care system";
            case "STATUTORY_ICS" -> "Statutory integrated care system";
            default -> words(code);
        };
    }
}
