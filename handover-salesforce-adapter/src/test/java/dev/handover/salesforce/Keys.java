package dev.handover.salesforce;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** RSA keys as PEM, the way openssl writes them, for the JWT bearer tests. */
final class Keys {
    static final KeyPair PAIR = generate();

    private Keys() {}

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pkcs8Pem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** PKCS#1: the RSAPrivateKey inside the PKCS#8 wrapper (for a 2048-bit key the wrapper is 26 bytes). */
    static String pkcs1Pem(KeyPair pair) {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        if (pkcs8[22] != 0x04) {
            throw new IllegalStateException("unexpected PKCS#8 layout");
        }
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
