package uk.nhs.stpgov.deploy.config;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Stamps each command with who sent it and why: {@code actor}, {@code correlationId} and, when the client gave one,
 * {@code idempotencyKey}. Events inherit these through the correlation data providers.
 */
@Component
public class CommandMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final String REQUEST_CORRELATION_ID = CommandMetadata.class.getName() + ".correlationId";

    private final ActorResolver actors;
    private final AppendLedger ledger;

    CommandMetadata(ActorResolver actors, AppendLedger ledger) {
        this.actors = actors;
        this.ledger = ledger;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            ledger.dispatched(command.getIdentifier());
            return command.andMetaData(metaDataOfCurrentRequest());
        };
    }

    private MetaData metaDataOfCurrentRequest() {
        Map<String, Object> values = new HashMap<>();
        values.put(ACTOR, actors.currentActor());
        HttpServletRequest request = currentRequest();
        values.put(CORRELATION_ID, correlationId(request));
        String idempotencyKey = request == null ? null : request.getHeader("Idempotency-Key");
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            values.put(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return MetaData.from(values);
    }

    /**
     * The client's {@code X-Correlation-Id}, else one drawn once per request: every command a request sends (an
     * import's rows, a succession and what it passes on) shares it, so an auditor sees what one request wrote.
     */
    private static String correlationId(HttpServletRequest request) {
        if (request == null) {
            return UUID.randomUUID().toString();
        }
        String given = request.getHeader(CORRELATION_HEADER);
        if (given != null && !given.isBlank()) {
            return given;
        }
        Object drawn = request.getAttribute(REQUEST_CORRELATION_ID);
        if (drawn == null) {
            drawn = UUID.randomUUID().toString();
            request.setAttribute(REQUEST_CORRELATION_ID, drawn);
        }
        return drawn.toString();
    }

    static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
