package uk.nhs.stpgov.query.assessments;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.themes.ThemeCatalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.instant;

/** Each theme's rating history with its latest rating, and the confidence barometer. */
@Component
public class AssessmentQueries {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final ThemeCatalog themes;

    AssessmentQueries(JdbcClient jdbc, ThemeCatalog themes) {
        this.jdbc = jdbc;
        this.themes = themes;
    }

    /**
     * @param answers   by question id
     * @param questions each answer with the question's text as it was asked (a later change of the configured
     *                  questions does not change what an old answer meant)
     */
    public record Rating(String rating, Map<String, String> answers, List<Answered> questions, LocalDate assessedOn,
                         Instant recordedAt) {
    }

    public record Answered(String questionId, String question, String answer) {
    }

    public record ThemeTrend(String theme, String title, String latest, List<Rating> history) {
    }

    /** The question asked and the respondent's organisation are null for records kept before they were. */
    public record Confidence(String question, String respondentOdsCode, String respondentRole, String level,
                             String reason, LocalDate recordedOn, Instant recordedAt) {
    }

    public record Assessments(String partnershipId, List<ThemeTrend> themes, List<Confidence> confidence) {
    }

    Assessments of(String partnershipId) {
        List<ThemeTrend> trends = Arrays.stream(ThemeCode.values()).map(theme -> {
            List<Rating> history = jdbc.sql("SELECT * FROM q_theme_assessment WHERE partnership_id = ? AND theme = ? "
                            + "ORDER BY assessed_on, recorded_at")
                    .params(partnershipId, theme.name())
                    .query((rs, n) -> new Rating(rs.getString("rating"),
                            JSON.readValue(rs.getString("answers"), new TypeReference<Map<String, String>>() {
                            }), JSON.readValue(rs.getString("questions"), new TypeReference<List<Answered>>() {
                            }), date(rs, "assessed_on"), instant(rs, "recorded_at")))
                    .list();
            return new ThemeTrend(theme.name(), themes.title(theme),
                    history.isEmpty() ? null : history.get(history.size() - 1).rating(), history);
        }).toList();
        List<Confidence> confidence = jdbc.sql("SELECT * FROM q_confidence WHERE partnership_id = ? "
                        + "ORDER BY recorded_on, recorded_at")
                .param(partnershipId)
                .query((rs, n) -> new Confidence(rs.getString("question"), rs.getString("respondent_ods_code"),
                        rs.getString("respondent_role"), rs.getString("level"), rs.getString("reason"),
                        date(rs, "recorded_on"), instant(rs, "recorded_at")))
                .list();
        return new Assessments(partnershipId, trends, confidence);
    }
}
