package uk.nhs.stpgov.events.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The per-aggregate hash chain of DESIGN §6:
 * {@code SHA-256(previous hash ‖ event type ‖ payload bytes as stored ‖ recordedAt ‖ actor)}, hex.
 * The first event of an aggregate chains from the empty string. Used when appending and when verifying.
 */
public final class HashChain {
    public static final String GENESIS = "";

    private HashChain() {
    }

    public static String next(String previousHash, String eventType, byte[] payload, String recordedAt, String actor) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes(previousHash));
            digest.update(bytes(eventType));
            digest.update(payload == null ? new byte[0] : payload);
            digest.update(bytes(recordedAt));
            digest.update(bytes(actor));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
