package uk.nhs.stpgov.events;

/** STP, then a (non-statutory) integrated care system, then a statutory ICS with an ICB (from 2022-07-01). */
public enum PartnershipStatus {
    STP, ICS, STATUTORY_ICS
}
