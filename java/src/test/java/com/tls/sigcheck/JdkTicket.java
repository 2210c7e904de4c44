package com.tls.sigcheck;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An independent v1 ticket codec written with the JDK alone (no project code): decodes and
 * verifies tickets made through JNI, and builds signed tickets with arbitrary fields to drive the
 * native checker into each of its error codes.
 */
public final class JdkTicket {

    private JdkTicket() {
    }

    // ---- keys ----------------------------------------------------------------------------

    /** Makes a fresh prime256v1 key pair. */
    public static KeyPair newP256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** PKCS#8 PEM of a private key (the console's {@code private_key} format). */
    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** SubjectPublicKeyInfo PEM of a public key (the console's {@code public_key} format). */
    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Reads an SPKI PEM public key with the JDK. */
    public static PublicKey readPublicPem(String pem) throws Exception {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    // ---- the ticket encoding -------------------------------------------------------------

    /** Undoes the ticket alphabet ({@code * - _} for {@code + / =}), base64 and zlib. */
    public static String decodeToJson(String ticket) throws DataFormatException {
        String b64 = ticket.replace('*', '+').replace('-', '/').replace('_', '=');
        byte[] compressed = Base64.getDecoder().decode(b64);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated zlib stream");
                }
                out.write(buf, 0, n);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        } finally {
            inflater.end();
        }
    }

    /** zlib-compresses and base64-encodes JSON text in the ticket alphabet. */
    public static String encodeJson(String json) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(json.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return Base64.getEncoder().encodeToString(out.toByteArray())
                    .replace('+', '*').replace('/', '-').replace('=', '_');
        } finally {
            deflater.end();
        }
    }

    /** The signed text rebuilt from the ticket's own fields (SPEC section 1.2). */
    public static String signedText(Map<String, Object> fields) {
        StringBuilder text = new StringBuilder();
        if (fields.containsKey("TLS.appid_at_3rd")) {
            line(text, "TLS.appid_at_3rd", fields);
        }
        line(text, "TLS.account_type", fields);
        line(text, "TLS.identifier", fields);
        line(text, "TLS.sdk_appid", fields);
        line(text, "TLS.time", fields);
        line(text, "TLS.expire_after", fields);
        if (fields.containsKey("TLS.userbuf")) {
            line(text, "TLS.userbuf", fields);
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String name, Map<String, Object> fields) {
        text.append(name).append(':').append(fields.get(name)).append('\n');
    }

    /** Verifies a v1 ticket's signature with {@code SHA256withECDSA}; returns its fields. */
    public static Map<String, Object> verify(String ticket, PublicKey key) throws Exception {
        Map<String, Object> fields = MiniJson.parseObject(decodeToJson(ticket));
        Object sig = fields.get("TLS.sig");
        if (!(sig instanceof String)) {
            throw new AssertionError("TLS.sig missing from " + fields);
        }
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(signedText(fields).getBytes(StandardCharsets.UTF_8));
        if (!verifier.verify(Base64.getDecoder().decode((String) sig))) {
            throw new AssertionError("SHA256withECDSA rejects the ticket's signature");
        }
        return fields;
    }

    /**
     * Builds a v1 ticket from the given fields, signed with the key; {@code TLS.sig} is added
     * unless the fields already hold one (so a test can plant a broken one).
     */
    public static String build(Map<String, Object> fields, PrivateKey key) throws Exception {
        Map<String, Object> all = new LinkedHashMap<String, Object>(fields);
        if (!all.containsKey("TLS.sig")) {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(signedText(all).getBytes(StandardCharsets.UTF_8));
            all.put("TLS.sig", Base64.getEncoder().encodeToString(signer.sign()));
        }
        return encodeJson(MiniJson.write(all));
    }

    /** The fields of a valid ticket for the given app, user and times. */
    public static Map<String, Object> fields(long sdkappid, String identifier, long time, long expire) {
        Map<String, Object> fields = new LinkedHashMap<String, Object>();
        fields.put("TLS.account_type", "0");
        fields.put("TLS.identifier", identifier);
        fields.put("TLS.appid_at_3rd", "0");
        fields.put("TLS.sdk_appid", Long.toString(sdkappid));
        fields.put("TLS.expire_after", Long.toString(expire));
        fields.put("TLS.version", "201803230000");
        fields.put("TLS.time", Long.toString(time));
        return fields;
    }
}
