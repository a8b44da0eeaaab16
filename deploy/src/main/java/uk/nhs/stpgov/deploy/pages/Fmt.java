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

    /** The organisation's name, or its code when it is not (or no longer) a member. */
    public String org(Map<String, String> organisations, Object odsCode) {
        String code = String.valueOf(odsCode);
        return organisations == null ? code : organisations.getOrDefault(code, code);
    }
}
