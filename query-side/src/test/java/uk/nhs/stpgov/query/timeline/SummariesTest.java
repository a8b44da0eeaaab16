package uk.nhs.stpgov.query.timeline;

import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.events.PartnershipStatus;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.decision.DecisionRatificationDeclined;
import uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded;
import uk.nhs.stpgov.events.partnership.ForumTermsChanged;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;
import uk.nhs.stpgov.events.partnership.PartnershipStatusChanged;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's one line per event says what happened, not only the event's name; no database. */
class SummariesTest {
    private static final LocalDate ICB_DAY = LocalDate.of(2022, 7, 1);

    @Test
    void aMoveBackToConsultationSaysWhy() {
        assertThat(Summaries.of(new uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced("sc1", "wy",
                Set.of(ThemeCode.ENGAGEMENT), uk.nhs.stpgov.events.Stage.DECIDED,
                uk.nhs.stpgov.events.Stage.CONSULTATION, "Referred by the joint health scrutiny committee"),
                "Stroke services reconfiguration"))
                .isEqualTo("Service change Stroke services reconfiguration moved from DECIDED to CONSULTATION: "
                        + "Referred by the joint health scrutiny committee");
    }

    /** A partnership has many changes: each line names the one it is about (it read as if there were one only). */
    @Test
    void aStageMoveAndAnAssuranceTestNameTheirServiceChange() {
        assertThat(Summaries.of(new uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded("sc1", "wy",
                Set.of(ThemeCode.ENGAGEMENT), uk.nhs.stpgov.events.AssuranceTest.PUBLIC_ENGAGEMENT,
                uk.nhs.stpgov.events.AssuranceResult.MET, "Engagement report", LocalDate.of(2019, 5, 1), "NHS England"),
                "Close Ward 9"))
                .isEqualTo("Assurance test of Close Ward 9: PUBLIC_ENGAGEMENT MET (assessed 2019-05-01)");
        // A change whose proposal is not known is named by its id.
        assertThat(Summaries.of(new uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced("sc1", "wy",
                Set.of(ThemeCode.ENGAGEMENT), uk.nhs.stpgov.events.Stage.PROPOSED,
                uk.nhs.stpgov.events.Stage.ENGAGEMENT, null), null))
                .isEqualTo("Service change sc1 moved from PROPOSED to ENGAGEMENT");
    }

    @Test
    void successionsTermsStatusAndRatificationAnswersAreSaidInWords() {
        assertThat(Summaries.of(new MemberSucceeded("wy", "15F", "QWO", "NHS West Yorkshire ICB", Sector.ICB, true,
                ICB_DAY, "Health and Care Act 2022", false)))
                .isEqualTo("15F succeeded by NHS West Yorkshire ICB (QWO) on 2022-07-01: Health and Care Act 2022");
        assertThat(Summaries.of(new ForumTermsChanged("wy", "f1", List.of("RR8", "QWO"), Set.of(ThemeCode.FINANCE),
                ICB_DAY, "15F"))).contains("terms from 2022-07-01", "[RR8, QWO]", "the seat of 15F");
        assertThat(Summaries.of(new PartnershipStatusChanged("wy", PartnershipStatus.ICS,
                PartnershipStatus.STATUTORY_ICS, "West Yorkshire Health and Care Partnership", ICB_DAY)))
                .isEqualTo("Became STATUTORY_ICS on 2022-07-01 as West Yorkshire Health and Care Partnership");
        assertThat(Summaries.of(new DecisionRatificationDeclined("d1", "wy", ThemeCode.RISK, "E08000035",
                LocalDate.of(2019, 7, 2), "Cabinet would not accept an open-ended risk share")))
                .startsWith("E08000035 declined to ratify the decision on 2019-07-02");
        assertThat(Summaries.of(new DecisionRatifierSucceeded("d1", "wy", ThemeCode.FINANCE, "QWO", "36J", ICB_DAY)))
                .isEqualTo("The ratification owed by 36J passed to QWO on 2022-07-01");
    }
}
