package uk.nhs.stpgov.events;

/** The ten governance themes. Codes are fixed; titles and questions live in configuration. */
public enum ThemeCode {
    VISION, LEADERSHIP, STRUCTURE, DECISIONS, ACCOUNTABILITY, FINANCE, RISK, CONFLICTS, ENGAGEMENT, ASSURANCE
}
