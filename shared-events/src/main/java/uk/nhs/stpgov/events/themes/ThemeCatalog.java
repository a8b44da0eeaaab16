package uk.nhs.stpgov.events.themes;

import uk.nhs.stpgov.events.ThemeCode;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ten governance themes with their titles and self-assessment questions. Codes are fixed; titles and questions
 * come from configuration (the project's own grouping, not HFMA's published list).
 */
public record ThemeCatalog(List<Theme> themes) {

    public record Theme(ThemeCode code, String title, List<Question> questions) {
        public Theme {
            questions = List.copyOf(questions);
        }
    }

    public record Question(String id, String text) {
    }

    public ThemeCatalog {
        Map<ThemeCode, Theme> byCode = new EnumMap<>(ThemeCode.class);
        for (Theme theme : themes) {
            if (byCode.put(theme.code(), theme) != null) {
                throw new IllegalArgumentException("Theme " + theme.code() + " is configured twice");
            }
            if (theme.questions().size() < 3 || theme.questions().size() > 5) {
                throw new IllegalArgumentException("Theme " + theme.code() + " needs 3 to 5 questions");
            }
        }
        if (byCode.size() != ThemeCode.values().length) {
            throw new IllegalArgumentException("Every one of the ten themes needs a title and questions; missing: "
                    + EnumSet.complementOf(byCode.isEmpty() ? EnumSet.noneOf(ThemeCode.class) : EnumSet.copyOf(byCode.keySet())));
        }
        themes = List.copyOf(byCode.values());
    }

    public Theme theme(ThemeCode code) {
        return themes.stream().filter(t -> t.code() == code).findFirst().orElseThrow();
    }

    public String title(ThemeCode code) {
        return theme(code).title();
    }

    /** Refuses answers keyed by anything but this theme's question ids. */
    public void requireQuestions(ThemeCode code, Collection<String> questionIds) {
        Set<String> known = theme(code).questions().stream().map(Question::id)
                .collect(Collectors.toSet());
        List<String> unknown = questionIds.stream().filter(id -> !known.contains(id)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown question ids for theme " + code + ": " + unknown
                    + "; expected some of " + known.stream().sorted().toList());
        }
    }
}
