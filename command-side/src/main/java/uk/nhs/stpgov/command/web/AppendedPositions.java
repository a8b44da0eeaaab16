package uk.nhs.stpgov.command.web;

import java.util.OptionalLong;

/**
 * The global position of the last event that the commands of the current request appended, as the event store
 * reported it when it stored them (the application assembling the sides provides it). Empty when this request's
 * commands appended nothing.
 */
public interface AppendedPositions {
    OptionalLong ofCurrentRequest();
}
