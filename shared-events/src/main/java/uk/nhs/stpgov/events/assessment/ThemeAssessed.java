package uk.nhs.stpgov.events.assessment;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.MaturityRating;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A self-assessment of one theme. Each answer keeps the question's text as it was asked, so a later change of the
 * configured questions never changes what an old answer meant. Revision 1 kept question ids only; its rows are read
 * with the texts configured when they are upcast.
 */
@Revision("2")
public record ThemeAssessed(String partnershipId, String assessmentId, ThemeCode theme, MaturityRating rating,
                            List<Answer> answers, LocalDate assessedOn) implements GovernanceEvent {

    public record Answer(String questionId, String question, String answer) {
    }

    public ThemeAssessed {
        answers = Immutable.list(answers);
    }

    /** Answers by question id, in the order they were given. */
    public Map<String, String> answerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        answers.forEach(a -> map.put(a.questionId(), a.answer()));
        return map;
    }

    @Override
    public Set<ThemeCode> themes() {
        return Set.of(theme);
    }
}
