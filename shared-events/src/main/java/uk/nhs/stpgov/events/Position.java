package uk.nhs.stpgov.events;

/** How a body stood on a decision. */
public enum Position {
    SUPPORTS, OPPOSES, ABSTAINS, ABSENT
}
