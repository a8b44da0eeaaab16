package uk.nhs.stpgov.query.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The events the query projections could not apply, parked by {@link ProjectionFailures}: listed for an
 * administrator with the error, retried after a fix, or evicted (the projections then never apply them).
 * A sequence is one partnership's events (the projections are sequenced by partnership): its later events wait
 * behind the first that failed, while every other partnership moves on.
 */
@Service
public class DeadLetters {
    private static final int MAX_LISTED = 200;

    public record Letter(String eventId, String eventType, String aggregateId, long sequenceNumber,
                         Instant recordedAt, Instant enqueuedAt, Instant lastTouched, String causeType,
                         String causeMessage) {
    }

    public record Sequence(String sequence, List<Letter> letters) {
    }

    // Looked up on use: the projections need this class, and Axon's processing configuration needs the projections.
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ProjectionFailures failures;

    DeadLetters(ObjectProvider<EventProcessingConfiguration> processing, ProjectionFailures failures) {
        this.processing = processing;
        this.failures = failures;
    }

    /** How many events are parked (0 when the queue is not configured, as on a command-only instance). */
    public long count() {
        return queue().map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    /** The parked sequences, oldest first, at most {@value #MAX_LISTED}. */
    public List<Sequence> list() {
        List<Sequence> sequences = new ArrayList<>();
        queue().ifPresent(queue -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                List<Letter> letters = StreamSupport.stream(sequence.spliterator(), false).map(DeadLetters::letter)
                        .toList();
                if (!letters.isEmpty()) {
                    sequences.add(new Sequence(sequenceOf(sequence.iterator().next().message()), letters));
                }
                if (sequences.size() == MAX_LISTED) {
                    break;
                }
            }
        });
        return sequences;
    }

    public boolean contains(String sequence) {
        return queue().map(queue -> queue.contains(sequence)).orElse(false);
    }

    /** Runs one sequence's letters through the projections again; true when all of them were applied. */
    public boolean retry(String sequence) {
        failures.forget();
        return processor().map(p -> p.process(letter -> sequence.equals(sequenceOf(letter.message())))).orElse(false);
    }

    /** Retries every parked sequence once; answers how many sequences were applied. */
    public int retryAll() {
        failures.forget();
        long sequences = queue().map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L);
        int applied = 0;
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor = processor();
        for (long i = 0; i < sequences && processor.isPresent(); i++) {
            if (processor.get().processAny()) {
                applied++;
            }
        }
        return applied;
    }

    /** Removes a sequence's letters for good; answers how many were removed. */
    public int evict(String sequence) {
        int evicted = 0;
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = queue();
        if (queue.isPresent()) {
            for (DeadLetter<? extends EventMessage<?>> letter : queue.get().deadLetterSequence(sequence)) {
                queue.get().evict(letter);
                evicted++;
            }
        }
        return evicted;
    }

    /** Parks an event whose failure met no handler (a row written when its batch commits). */
    void park(EventMessage<?> event, Throwable cause) {
        queue().ifPresent(queue -> {
            String sequence = sequenceOf(event);
            queue.enqueue(sequence, new GenericDeadLetter<>(sequence, event, ThrowableCause.truncated(cause)));
        });
    }

    /** A rebuild meets every event again, so what was parked before it no longer applies. */
    void clear() {
        queue().ifPresent(SequencedDeadLetterQueue::clear);
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue() {
        return processing.getObject().deadLetterQueue(ProjectionProgress.GROUP);
    }

    private Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor() {
        return processing.getObject().sequencedDeadLetterProcessor(ProjectionProgress.GROUP);
    }

    /** The letter's sequence: its partnership, as the projections are sequenced ({@link ProjectionProgress}). */
    private static String sequenceOf(EventMessage<?> event) {
        Object sequence = ProjectionProgress.BY_PARTNERSHIP.getSequenceIdentifierFor(event);
        return sequence != null ? sequence.toString() : event.getIdentifier();
    }

    private static String aggregateId(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    private static Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        long sequenceNumber = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        return new Letter(message.getIdentifier(), message.getPayloadType().getSimpleName(), aggregateId(letter),
                sequenceNumber, message.getTimestamp(), letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(Cause::type).orElse(null), letter.cause().map(Cause::message).orElse(null));
    }
}
