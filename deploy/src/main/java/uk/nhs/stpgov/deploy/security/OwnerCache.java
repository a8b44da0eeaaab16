package uk.nhs.stpgov.deploy.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.ObjectProvider;
import uk.nhs.stpgov.command.registry.RecordOwners;

import java.util.Optional;

/**
 * Which partnership owns a record addressed by its own id, remembered: a record never changes partnership, so a
 * found owner stays true. Unknown ids are not remembered (the record may be created a moment later). Bounded, so a
 * scan of many ids costs memory only up to the bound.
 */
final class OwnerCache {
    private record Key(RecordOwners.Kind kind, String id) {
    }

    private final ObjectProvider<RecordOwners> owners;
    private final Cache<Key, String> known = Caffeine.newBuilder().maximumSize(100_000).build();

    OwnerCache(ObjectProvider<RecordOwners> owners) {
        this.owners = owners;
    }

    /** Empty when the record is unknown or the command side (which knows owners) is not in this instance. */
    Optional<String> partnershipOf(RecordOwners.Kind kind, String id) {
        Key key = new Key(kind, id);
        String cached = known.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        RecordOwners lookup = owners.getIfAvailable();
        Optional<String> owner = lookup == null || id == null ? Optional.empty() : lookup.partnershipOf(kind, id);
        owner.ifPresent(pid -> known.put(key, pid));
        return owner;
    }
}
