package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;
import uk.nhs.stpgov.events.assessment.ConfidenceRecorded;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;
import uk.nhs.stpgov.events.themes.ThemeCatalog;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The upcasters from revision 1 to revision 2 of every event type issue 11 changed. Axon's Spring support puts every
 * {@link EventUpcaster} bean into the configuration's upcaster chain, which the event storage engine
 * ({@code AxonConfiguration}) reads rows through. What each old row becomes is written next to its upcaster; the
 * event records' comments say the same.
 */
@Configuration(proxyBeanMethods = false)
public class EventUpcasters {

    /** Revision 1 had no minute reference and no positions. */
    @Bean
    @Order(1)
    EventUpcaster decisionRecordedV1(UpcastingSupport support) {
        return support.decisionRecordedV1();
    }

    @Bean
    @Order(2)
    EventUpcaster serviceChangeProposedV1(UpcastingSupport support) {
        return support.serviceChangeProposedV1();
    }

    @Bean
    @Order(3)
    EventUpcaster assuranceTestRecordedV1(UpcastingSupport support) {
        return support.assuranceTestRecordedV1();
    }

    @Bean
    @Order(4)
    EventUpcaster themeAssessedV1(UpcastingSupport support) {
        return support.themeAssessedV1();
    }

    @Bean
    @Order(5)
    EventUpcaster confidenceRecordedV1(UpcastingSupport support) {
        return support.confidenceRecordedV1();
    }

    @Bean
    @Order(6)
    EventUpcaster forumEstablishedV1(UpcastingSupport support) {
        return support.forumEstablishedV1();
    }

    @Bean
    @Order(7)
    EventUpcaster authorityDelegatedV1(UpcastingSupport support) {
        return support.authorityDelegatedV1();
    }

    @Bean
    @Order(8)
    EventUpcaster accountabilityTransferredV1(UpcastingSupport support) {
        return support.accountabilityTransferredV1();
    }

    @Bean
    UpcastingSupport upcastingSupport(ThemeCatalog themes,
                                      @Value("${stpgov.business-zone:Europe/London}") ZoneId businessZone) {
        return new UpcastingSupport(themes, businessZone);
    }

    /** The upcasters themselves, built from what they need to know (plain objects, so tests can build them too). */
    public record UpcastingSupport(ThemeCatalog themes, ZoneId businessZone) {

        public EventUpcaster decisionRecordedV1() {
            return new JsonUpcaster(DecisionRecorded.class, "1", "2") {
                @Override
                void rewrite(ObjectNode payload, IntermediateEventRepresentation row) {
                    payload.putNull("reference");
                    payload.putArray("positions");
                }
            };
        }

        /** Revision 1 had no {@code substantial}: its kind's default, which is what the tracker assumes since. */
        public EventUpcaster serviceChangeProposedV1() {
            return new JsonUpcaster(ServiceChangeProposed.class, "1", "2") {
                @Override
                void rewrite(ObjectNode payload, IntermediateEventRepresentation row) {
                    ServiceChangeKind kind = ServiceChangeKind.valueOf(payload.get("kind").asText());
                    payload.put("substantial", kind.substantialByDefault());
                    payload.putNull("proposedOn");
                }
            };
        }

        /** Revision 1 had no date or assessor: the business day it was recorded, and no assessor (never asked). */
        public EventUpcaster assuranceTestRecordedV1() {
            return new JsonUpcaster(AssuranceTestRecorded.class, "1", "2") {
                @Override
                void rewrite(ObjectNode payload, IntermediateEventRepresentation row) {
                    payload.put("assessedOn", LocalDate.ofInstant(row.getTimestamp(), businessZone).toString());
                    payload.putNull("assessor");
                }
            };
        }

        /**
         * Revision 1 kept answers as {question id: answer}. Revision 2 keeps each question's text; for old rows the
         * text is the one configured when the row is read (the best record there is of what was asked), or null for
         * an id no longer configured.
         */
        public EventUpcaster themeAssessedV1() {
            return new JsonUpcaster(ThemeAssessed.class, "1", "2") {
                @Override
                void rewrite(ObjectNode payload, IntermediateEventRepresentation row) {
                    Map<String, String> texts = new HashMap<>();
                    themes.theme(ThemeCode.valueOf(payload.get("theme").asText())).questions()
                            .forEach(q -> texts.put(q.id(), q.text()));
                    ObjectNode old = (ObjectNode) payload.get("answers");
                    ArrayNode answers = payload.arrayNode();
                    old.fieldNames().forEachRemaining(id -> answers.addObject()
                            .put("questionId", id)
                            .put("question", texts.get(id))
                            .put("answer", old.get(id).asText()));
                    payload.set("answers", answers);
                }
            };
        }

        /** Revision 1 did not ask the question or the respondent's organisation: both null. */
        public EventUpcaster confidenceRecordedV1() {
            return new JsonUpcaster(ConfidenceRecorded.class, "1", "2") {
                @Override
                void rewrite(ObjectNode payload, IntermediateEventRepresentation row) {
                    payload.putNull("question");
                    payload.putNull("respondentOdsCode");
                }
            };
        }

        /** Revision 1 had no date: null (its members were checked as of the day it was recorded). */
        public EventUpcaster forumEstablishedV1() {
            return new JsonUpcaster(ForumEstablished.class, "1", "2") {
                @Override
                void rewrite(ObjectNode payload, IntermediateEventRepresentation row) {
                    payload.putNull("establishedOn");
                }
            };
        }

        /** Successions did not exist in revision 1. */
        public EventUpcaster authorityDelegatedV1() {
            return new JsonUpcaster(AuthorityDelegated.class, "1", "2") {
                @Override
                void rewrite(ObjectNode payload, IntermediateEventRepresentation row) {
                    payload.putNull("succeededFrom");
                    payload.putNull("previousDelegationId");
                }
            };
        }

        public EventUpcaster accountabilityTransferredV1() {
            return new JsonUpcaster(AccountabilityTransferred.class, "1", "2") {
                @Override
                void rewrite(ObjectNode payload, IntermediateEventRepresentation row) {
                    payload.putNull("succeededFrom");
                }
            };
        }
    }
}
