package dev.handover.core;

import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Ticket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Handover ids derived from what the handover is: the ticket at the version read, the rule (or the caller's key) and
 * the receiver. Planning the same handover again — after a crash, in a second worker — yields the same id, so its
 * write carries the same idempotency key and replays instead of repeating.
 */
final class HandoverIds {
    private HandoverIds() {}

    static HandoverId derive(Ticket ticket, String purpose, String receiver) {
        return derive(ticket.id().value() + "\n" + ticket.version().value() + "\n" + purpose + "\n" + receiver);
    }

    static HandoverId derive(String material) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HandoverId.of("ho-" + HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A short digest of a write's material, for idempotency keys: the CRC-32 of its UTF-8 bytes in hex. */
    static String crc(String material) {
        CRC32 c = new CRC32();
        c.update(material.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", c.getValue());
    }

    /** The idempotency key of a handover's write. */
    static String writeKey(HandoverId id) {
        return "handover:" + id.value();
    }
}
