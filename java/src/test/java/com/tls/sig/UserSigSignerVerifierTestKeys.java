package com.tls.sig;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** The P-256 fixture key pair from tests/data/keys. */
final class UserSigSignerVerifierTestKeys {

    static final String PRIVATE = read("tests/data/keys/p256_private_key.pem");
    static final String PUBLIC = read("tests/data/keys/p256_public_key.pem");

    private UserSigSignerVerifierTestKeys() {
    }

    private static String read(String path) {
        try {
            return new String(Files.readAllBytes(new File(path).toPath()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
