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
        String correlationId = request == null ? null : request.getHeader(CORRELATION_HEADER);
        values.put(CORRELATION_ID, correlationId == null || correlationId.isBlank()
                ? UUID.randomUUID().toString() : correlationId);
        String idempotencyKey = request == null ? null : request.getHeader("Idempotency-Key");
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            values.put(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return MetaData.from(values);
    }

    static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
