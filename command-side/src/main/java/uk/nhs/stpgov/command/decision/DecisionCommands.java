package uk.nhs.stpgov.command.decision;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.DecisionPosition;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.List;

/** Commands handled by the {@link Decision} aggregate. */
public final class DecisionCommands {
    private DecisionCommands() {
    }

    public record RecordDecision(@TargetAggregateIdentifier String decisionId, String partnershipId, String title,
                                 ThemeCode theme, String forumId, String serviceChangeId,
                                 List<String> decidingOdsCodes, DecisionOutcome outcome, String rationale,
                                 LocalDate decidedOn, String supersedes, String reference,
                                 List<DecisionPosition> positions) {
        public RecordDecision {
            positions = positions == null ? List.of() : List.copyOf(positions);
        }

        /** A decision without a minute reference or positions. */
        public RecordDecision(String decisionId, String partnershipId, String title, ThemeCode theme, String forumId,
                              String serviceChangeId, List<String> decidingOdsCodes, DecisionOutcome outcome,
                              String rationale, LocalDate decidedOn, String supersedes) {
            this(decisionId, partnershipId, title, theme, forumId, serviceChangeId, decidingOdsCodes, outcome,
                    rationale, decidedOn, supersedes, null, List.of());
        }
    }

    public record RatifyDecision(@TargetAggregateIdentifier String decisionId, String odsCode, LocalDate ratifiedOn,
                                 @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public RatifyDecision(String decisionId, String odsCode, LocalDate ratifiedOn) {
            this(decisionId, odsCode, ratifiedOn, null);
        }
    }

    public record DeclineRatification(@TargetAggregateIdentifier String decisionId, String odsCode, LocalDate on,
                                      String reason, @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public DeclineRatification(String decisionId, String odsCode, LocalDate on, String reason) {
            this(decisionId, odsCode, on, reason, null);
        }
    }

    public record RescindDecision(@TargetAggregateIdentifier String decisionId, String reason, LocalDate on,
                                  @TargetAggregateVersion Long expectedVersion) {
        /** Without {@code expectedVersion}: applies to whatever version the record is at. */
        public RescindDecision(String decisionId, String reason, LocalDate on) {
            this(decisionId, reason, on, null);
        }
    }

    /** Sent by {@link SupersedePolicy} to the earlier decision once a later one names it in {@code supersedes}. */
    public record SupersedeDecision(@TargetAggregateIdentifier String decisionId, String partnershipId,
                                    String supersededBy, LocalDate on) {
    }

    /** Sent by the succession policy: the successor owes the ratification its predecessor had not given. */
    public record PassRatification(@TargetAggregateIdentifier String decisionId, String fromOdsCode, String toOdsCode,
                                   LocalDate on) {
    }
}
