package uk.nhs.stpgov.deploy.web;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.Arrays;

/**
 * What a field's value must be, from the reader's refusal of it: the same words for a JSON body sent to the API and
 * for a page's form, which the pages bind with the API's mapper (InProcessApi). A control character in a title is
 * "must not contain control characters (found U+0001 at position 4)", not "is not a valid value".
 */
public final class FieldMessages {
    private FieldMessages() {
    }

    public static String of(DatabindException cause) {
        return cause instanceof StorableInputModule.Refused refused ? refused.getOriginalMessage()
                : cause instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()
                ? "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants())
                : cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                ? "must be a " + readable(mismatched.getTargetType())
                : "has an unreadable value";
    }

    static String readable(Class<?> type) {
        if (type == null) {
            return "value of another type";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            // The reader names the collection it builds (an ArrayList), not the List the record declares.
            return "JSON array";
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "Instant" -> "UTC instant (e.g. 2024-04-01T09:00:00Z)";
            case "Boolean", "boolean" -> "boolean";
            case "Integer", "int", "Long", "long" -> "whole number";
            default -> type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants())
                    : type.getSimpleName().equals("String") ? "string" : "JSON object";
        };
    }
}
