package io.github.oktabulkdelete.cli;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** A fresh RSA private key for the OAuth 2.0 tests, as a service app's PEM file holds it. */
final class TestKeys {

    private TestKeys() {
    }

    /** @return the key's PKCS#8 body, in lines of 64 base64 characters */
    static String privateKeyBase64() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    }

    /** @return a PEM file's text holding this body */
    static String pem(String base64) {
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }
}
