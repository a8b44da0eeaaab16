package uk.nhs.stpgov.deploy.pages;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** Dates as people write them (7 June 2018), codes in words, organisations by name; {@code ${@fmt…}} in templates. */
@Component("fmt")
class Fmt {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);
    private static final java.util.Set<String> ACRONYMS = java.util.Set.of("NHS", "CCG", "ICB", "GP", "STP", "ICS");
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
                    : text.isEmpty() && !lower.isEmpty() ? Character.toUpperCase(lower.charAt(0)) + lower.substring(1)
                    : lower);
        }
        return text.toString();
    }

    private static final java.util.regex.Pattern ISO_DAY = java.util.regex.Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

    /**
     * The API's sentence (a gap's explanation) as people write it: each organisation by name instead of its code,
     * each date as a date ("has not been accepted 14 days after 1 July 2022").
     */
    public String prose(Map<String, String> organisations, Object text) {
        if (text == null) {
            return "";
        }
        String words = ISO_DAY.matcher(String.valueOf(text)).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                date(m.group(1))));
        if (organisations == null || organisations.isEmpty()) {
            return words;
        }
        // Longest codes first, each only as a whole word (a code inside another code or word stays as it is).
        String codes = organisations.keySet().stream().sorted(java.util.Comparator.comparing(String::length).reversed())
                .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining("|"));
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9])(" + codes + ")(?![A-Za-z0-9])").matcher(words)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(organisations.get(m.group(1))));
    }

    /** The organisation's name, or its code when it is not (or no longer) a member. */
    public String org(Map<String, String> organisations, Object odsCode) {
        String code = String.valueOf(odsCode);
        return organisations == null ? code : organisations.getOrDefault(code, code);
    }
}
