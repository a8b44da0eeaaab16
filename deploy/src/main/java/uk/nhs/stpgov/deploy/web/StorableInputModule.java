package uk.nhs.stpgov.deploy.web;

import jakarta.validation.constraints.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.events.Storable;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Request bodies may only carry what the ledger can store (DESIGN §1, {@link Storable}): text without control
 * characters (line breaks and tabs only in {@link Storable.MultiLine} fields), JSON strings for text, and business
 * dates as ISO-8601 strings ({@code "2019-06-01"}) from 1900 to 2100. Jackson would otherwise read {@code 20190101}
 * as the year 57248 and pass a NUL through to an event that no projection can write. A code (an enum) is written
 * exactly: Jackson would otherwise trim {@code " NOTED\t"} or {@code "SUPPORTS\u0000"} into a valid one. A UUID is
 * kept in its canonical lower case: UUIDs are case-insensitive (RFC 9562), and the same id sent in capitals would
 * otherwise name a second record. Registered with Boot's Jackson 3 mapper for the REST API only; Axon's own mapper
 * reads stored events unchanged.
 */
@Component
class StorableInputModule extends SimpleModule {

    StorableInputModule() {
        super("storable-input");
        addDeserializer(String.class, new Text(false));
        addDeserializer(LocalDate.class, new BusinessDate());
        addKeyDeserializer(String.class, new TextKey());
        setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                               BeanDescription.Supplier description,
                                                               ValueDeserializer<?> deserializer) {
                return new ExactCode(deserializer, type.getRawClass());
            }
        });
    }

    /** Why a request value was refused; the message names what the field must be. */
    static final class Refused extends MismatchedInputException {
        Refused(JsonParser parser, String message, Class<?> type) {
            super(parser, message, type);
        }
    }

    private static final class Text extends ValueDeserializer<String> {
        private final boolean multiLine;
        private final boolean uuid;

        Text(boolean multiLine) {
            this(multiLine, false);
        }

        private Text(boolean multiLine, boolean uuid) {
            this.multiLine = multiLine;
            this.uuid = uuid;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean annotated = property != null && property.getAnnotation(Storable.MultiLine.class) != null;
            Pattern pattern = property == null ? null : property.getAnnotation(Pattern.class);
            boolean isUuid = pattern != null && Patterns.UUID.equals(pattern.regexp());
            return annotated == multiLine && isUuid == uuid ? this : new Text(annotated, isUuid);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new Refused(parser, "must be a string", String.class);
            }
            String value = parser.getString();
            Optional<String> problem = Storable.textProblem(value, multiLine);
            if (problem.isPresent()) {
                throw new Refused(parser, problem.get(), String.class);
            }
            // Only a well-formed UUID is lowered: anything else is left for its @Pattern to refuse as sent.
            return uuid && value.matches(Patterns.UUID) ? value.toLowerCase(Locale.ROOT) : value;
        }
    }

    /**
     * A code as written in the contract, or refused: one of the names exactly, so no padding, no control characters,
     * and no number (Jackson would take 1 or "1" for the second value of the list).
     */
    private static final class ExactCode extends DelegatingDeserializer {
        private final Class<?> type;

        ExactCode(ValueDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new ExactCode(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            String value = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getString() : null;
            if (value == null
                    || Arrays.stream(type.getEnumConstants()).noneMatch(code -> ((Enum<?>) code).name().equals(value))) {
                throw new Refused(parser, "must be one of " + Arrays.toString(type.getEnumConstants())
                        + ", written exactly as a string", type);
            }
            return super.deserialize(parser, context);
        }
    }

    private static final class TextKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            Optional<String> problem = Storable.textProblem(key, false);
            if (problem.isPresent()) {
                throw new Refused(context.getParser(), "has a key that " + problem.get(), String.class);
            }
            return key;
        }
    }

    private static final class BusinessDate extends ValueDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
            String message = "must be a date written as a string YYYY-MM-DD, between " + Storable.EARLIEST_DATE
                    + " and " + Storable.LATEST_DATE;
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new Refused(parser, message, LocalDate.class);
            }
            LocalDate date;
            try {
                date = LocalDate.parse(parser.getString(), DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                throw new Refused(parser, message, LocalDate.class);
            }
            if (Storable.dateProblem(date).isPresent()) {
                throw new Refused(parser, message, LocalDate.class);
            }
            return date;
        }
    }
}
