package dev.handover.salesforce.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The assertion of the OAuth 2.0 JWT bearer flow, signed RS256 with the JDK's own crypto: a PEM private key (PKCS#8
 * {@code BEGIN PRIVATE KEY}, or PKCS#1 {@code BEGIN RSA PRIVATE KEY} as openssl writes it by default) and a compact
 * JWT {@code {"alg":"RS256"}.{iss, sub, aud, exp}}. A JWT library would add a dependency for forty lines.
 */
public final class JwtAssertion {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private JwtAssertion() {}

    /**
     * Parses the key; errors never include the key material.
     *
     * @throws IllegalArgumentException whose message ends a sentence about the key ("is encrypted; …")
     */
    public static PrivateKey privateKey(Secret pem) {
        String text = pem.reveal().strip();
        boolean pkcs1;
        String body;
        if (text.contains("-----BEGIN PRIVATE KEY-----")) {
            pkcs1 = false;
            body = between(text, "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----");
        } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            pkcs1 = true;
            body = between(text, "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----");
        } else if (text.contains("ENCRYPTED")) {
            throw new IllegalArgumentException(
                    "is encrypted; give the decrypted PEM key (openssl pkcs8 -topk8 -nocrypt)");
        } else {
            throw new IllegalArgumentException(
                    "must be a PEM RSA private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid base64 PEM");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? wrapPkcs1(der) : der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("is not a usable RSA private key");
        }
    }

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin) + begin.length();
        int to = text.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("has no '" + end + "' line");
        }
        return text.substring(from, to);
    }

    /**
     * PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: SEQUENCE { INTEGER 0, SEQUENCE { OID rsaEncryption, NULL
     * }, OCTET STRING { key } }.
     */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] algorithm = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        byte[] content = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, content, 0, version.length);
        System.arraycopy(algorithm, 0, content, version.length, algorithm.length);
        System.arraycopy(octets, 0, content, version.length + algorithm.length, octets.length);
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] value) {
        byte[] length;
        int n = value.length;
        if (n < 0x80) {
            length = new byte[] {(byte) n};
        } else if (n < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(value, 0, out, 1 + length.length, n);
        return out;
    }

    /** A signed assertion for the token endpoint. */
    static String sign(PrivateKey key, String clientId, String username, String audience, Instant expires) {
        ObjectNode claims = Json.MAPPER.createObjectNode();
        claims.put("iss", clientId);
        claims.put("sub", username);
        claims.put("aud", audience);
        claims.put("exp", expires.getEpochSecond());
        String signingInput = B64URL.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(Json.bytes(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the JDK cannot sign RS256: " + e.getClass().getSimpleName());
        }
    }
}
