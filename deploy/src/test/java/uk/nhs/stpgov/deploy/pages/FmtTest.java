package uk.nhs.stpgov.deploy.pages;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §4b: organisations by name, dates as people write them, in the API's sentences too. */
class FmtTest {
    private final Fmt fmt = new Fmt();

    @Test
    void aGapsExplanationNamesOrganisationsAndWritesDatesAsPeopleDo() {
        Map<String, String> orgs = Map.of("QWO", "NHS West Yorkshire ICB", "15F", "NHS Leeds CCG",
                "RR8", "Leeds Teaching Hospitals NHS Trust", "R", "A code that is a letter");
        assertThat(fmt.prose(orgs, "ACCOUNTABLE QWO Chief Finance Officer for theme FINANCE (Finance) has not been "
                + "accepted 14 days after 2022-07-01"))
                .isEqualTo("ACCOUNTABLE NHS West Yorkshire ICB Chief Finance Officer for theme FINANCE (Finance) has "
                        + "not been accepted 14 days after 1 July 2022");
        assertThat(fmt.prose(orgs, "Not ratified by [QWO (successor of 15F), RR8] 30 days after the decision of "
                + "2019-03-01"))
                .isEqualTo("Not ratified by [NHS West Yorkshire ICB (successor of NHS Leeds CCG), Leeds Teaching "
                        + "Hospitals NHS Trust] 30 days after the decision of 1 March 2019");
        assertThat(fmt.prose(orgs, "RESPONSIBLE and RR89 stay")).as("whole codes only")
                .isEqualTo("RESPONSIBLE and RR89 stay");
        assertThat(fmt.prose(Map.of(), "due 2019-04-01")).isEqualTo("due 1 April 2019");
    }
}
