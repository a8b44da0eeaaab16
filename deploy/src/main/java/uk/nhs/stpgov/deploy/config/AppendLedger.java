package uk.nhs.stpgov.deploy.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.nhs.stpgov.command.web.AppendedPositions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the event store's appends tell the rest of the request, so nothing has to read it back:
 * <ul>
 * <li>the global index of the last event each command appended (its {@code X-Event-Position}), and</li>
 * <li>each aggregate's last committed hash-chain link, so the next append continues the chain without a SELECT.</li>
 * </ul>
 * Both are recorded only once the transaction that stored them has committed: a rolled-back append (a lost race on
 * the sequence number) leaves nothing behind. Both caches are bounded; a miss falls back to the store.
 */
@Component
public class AppendLedger implements AppendedPositions {
    private static final String REQUEST_COMMANDS = AppendLedger.class.getName() + ".commands";

    /** The last committed link of an aggregate's hash chain. */
    record Link(long sequenceNumber, String hash) {
    }

    private final Cache<String, Long> positionsByCommand = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();
    private final Cache<String, Link> lastLinks = Caffeine.newBuilder().maximumSize(50_000).build();

    /** On the requesting thread, as a command is dispatched: the request will want that command's position. */
    void dispatched(String commandId) {
        HttpServletRequest request = CommandMetadata.currentRequest();
        if (request == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) request.getAttribute(REQUEST_COMMANDS);
        if (ids == null) {
            ids = new ArrayList<>(1);
            request.setAttribute(REQUEST_COMMANDS, ids);
        }
        ids.add(commandId);
    }

    /** On the thread that stores the events (a retry may run elsewhere): the batch is written, not yet committed. */
    void appended(long lastGlobalIndex, Map<String, Link> links) {
        String commandId = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getMessage().getIdentifier() : null;
        afterCommit(() -> {
            if (commandId != null && lastGlobalIndex > 0) {
                positionsByCommand.asMap().merge(commandId, lastGlobalIndex, Math::max);
            }
            links.forEach((aggregateId, link) -> lastLinks.asMap().merge(aggregateId, link,
                    (old, now) -> old.sequenceNumber() >= now.sequenceNumber() ? old : now));
        });
    }

    /** The committed hash of event {@code sequenceNumber} of the aggregate, if it is the last one known here. */
    Optional<String> hashOf(String aggregateId, long sequenceNumber) {
        Link link = lastLinks.getIfPresent(aggregateId);
        return link != null && link.sequenceNumber() == sequenceNumber ? Optional.of(link.hash()) : Optional.empty();
    }

    @Override
    public OptionalLong ofCurrentRequest() {
        HttpServletRequest request = CommandMetadata.currentRequest();
        @SuppressWarnings("unchecked")
        List<String> ids = request == null ? null : (List<String>) request.getAttribute(REQUEST_COMMANDS);
        if (ids == null) {
            return OptionalLong.empty();
        }
        long max = 0;
        for (String id : ids) {
            Long position = positionsByCommand.getIfPresent(id);
            if (position != null) {
                max = Math.max(max, position);
                positionsByCommand.invalidate(id);
            }
        }
        return max > 0 ? OptionalLong.of(max) : OptionalLong.empty();
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> action.run());
        }
        // Neither: no transaction we can follow, so nothing is remembered (the store stays the source).
    }
}
