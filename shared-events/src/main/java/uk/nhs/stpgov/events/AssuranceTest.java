package uk.nhs.stpgov.events;

/** The NHS England service change assurance tests. */
public enum AssuranceTest {
    GP_COMMISSIONER_SUPPORT, PUBLIC_ENGAGEMENT, CLINICAL_EVIDENCE, PATIENT_CHOICE, BED_CLOSURE
}
