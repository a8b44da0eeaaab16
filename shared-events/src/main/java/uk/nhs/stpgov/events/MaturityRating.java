package uk.nhs.stpgov.events;

/** Self-assessment rating of one theme. */
public enum MaturityRating {
    EMERGING, DEVELOPING, ESTABLISHED, ADVANCED
}
