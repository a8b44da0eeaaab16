package uk.nhs.stpgov.command.registry;

import java.util.Optional;

/**
 * The partnership that a service change, decision or accountability belongs to, so requests addressed by their id
 * alone can be authorised against that partnership.
 */
public interface RecordOwners {
    enum Kind { SERVICE_CHANGE, DECISION, ACCOUNTABILITY }

    /** Empty when there is no such record (the command then answers 404). */
    Optional<String> partnershipOf(Kind kind, String id);
}
