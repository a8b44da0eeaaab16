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

    @Test
    void anOrganisationTheApiAlreadyNamesBesideItsCodeIsNamedOnce() {
        Organisations orgs = new Organisations(Map.of("36J", "NHS Bradford District and Craven CCG",
                "RGD", "Leeds and York Partnership NHS Foundation Trust", "Y05986", "Carers Leeds"));
        assertThat(fmt.prose(orgs, "Ratification declined by [NHS Bradford District and Craven CCG (36J) on 2019-02-01]"
                + " for the decision of 2019-01-10"))
                .isEqualTo("Ratification declined by [NHS Bradford District and Craven CCG on 1 February 2019] for the "
                        + "decision of 10 January 2019");
        assertThat(fmt.prose(orgs, "The lead, Leeds and York Partnership NHS Foundation Trust (RGD), left the "
                + "partnership on 2020-01-01 while the change is PROPOSED"))
                .isEqualTo("The lead, Leeds and York Partnership NHS Foundation Trust, left the partnership on "
                        + "1 January 2020 while the change is proposed");
        assertThat(fmt.prose(orgs, "36J (NHS Bradford District and Craven CCG) owes it"))
                .isEqualTo("NHS Bradford District and Craven CCG owes it");
        assertThat(fmt.prose(orgs, "No statutory body is ACCOUNTABLE for theme FINANCE (Finance): Y05986 Chief "
                + "Executive, Carers Leeds; RGD Director (A Person), Leeds and York Partnership NHS Foundation Trust"))
                .isEqualTo("No statutory body is ACCOUNTABLE for theme FINANCE (Finance): Chief Executive, Carers "
                        + "Leeds; Director (A Person), Leeds and York Partnership NHS Foundation Trust");
    }

    @Test
    void aPagesOrganisationsCompileTheirPatternOnce() {
        Organisations orgs = new Organisations(Map.of("15F", "NHS Leeds CCG"));
        assertThat(orgs.codes()).isSameAs(orgs.codes());
        orgs.putIfAbsent("QWO", "NHS West Yorkshire ICB"); // the matrix adds a holder's organisation
        assertThat(fmt.prose(orgs, "QWO and 15F")).isEqualTo("NHS West Yorkshire ICB and NHS Leeds CCG");
    }

    /** Outside tester: refusals and gaps on the pages named a forum by its UUID and rules by their codes. */
    @Test
    void aRefusalNamesTheForumAndSaysCodesInWords() {
        Organisations orgs = new Organisations(Map.of("12F", "NHS Wirral CCG",
                "214d5625-0000-4000-8000-000000000001", "Joint Committee"));
        assertThat(fmt.prose(orgs, "12F owes no ratification: it is bound by its delegation of FINANCE to forum "
                + "214d5625-0000-4000-8000-000000000001, in force on 2019-07-01"))
                .isEqualTo("NHS Wirral CCG owes no ratification: it is bound by its delegation of Finance to forum "
                        + "Joint Committee, in force on 1 July 2019");
        assertThat(fmt.prose(orgs, "This substantial BED_REDUCTION cannot be decided until these assurance tests are "
                + "MET or NOT_APPLICABLE: [GP_COMMISSIONER_SUPPORT, CLINICAL_EVIDENCE]"))
                .isEqualTo("This substantial bed reduction cannot be decided until these assurance tests are met or "
                        + "not applicable: [GP commissioner support, clinical evidence]");
        assertThat(fmt.prose(orgs, "Approved although the service change's assurance tests [CLINICAL_EVIDENCE] are "
                + "NOT_MET")).isEqualTo("Approved although the service change's assurance tests [clinical evidence] "
                + "are not met");
        assertThat(fmt.prose(orgs, "Subject THEME:RISK already has an ACCOUNTABLE holder"))
                .isEqualTo("Subject theme Risk already has an ACCOUNTABLE holder");
    }

    @Test
    void codesAreWords() {
        assertThat(fmt.words("NHS_ENGLAND")).isEqualTo("NHS England");
        assertThat(fmt.words("PROGRAMME_BOARD")).isEqualTo("Programme board");
        assertThat(fmt.status("STATUTORY_ICS")).isEqualTo("Statutory integrated care system");
        assertThat(fmt.status("STP")).isEqualTo("Sustainability and transformation partnership");
    }
}
