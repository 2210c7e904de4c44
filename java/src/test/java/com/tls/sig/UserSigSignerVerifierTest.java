package com.tls.sig;

import static com.tls.sig.Tickets.APP;
import static com.tls.sig.Tickets.expect;
import static com.tls.sig.Tickets.expectCode;
import static com.tls.sig.Tickets.now;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.tls.sigcheck.JdkTicket;
import com.tls.sigcheck.tls_sigcheck;

/**
 * The v1 (ECDSA) signer and verifier through the real library: round trips checked by the JDK
 * alone, interop with the legacy class, every fixture key form, and every legacy code a v1 check
 * or signer can return.
 */
public class UserSigSignerVerifierTest {

    static KeyPair keys;
    static String priPem;
    static String pubPem;
    static UserSigSigner signer;
    static UserSigVerifier verifier;

    @BeforeClass
    public static void setUp() throws Exception {
        keys = JdkTicket.newP256();
        priPem = JdkTicket.privatePem(keys.getPrivate());
        pubPem = JdkTicket.publicPem(keys.getPublic());
        signer = UserSigSigner.fromPem(priPem);
        verifier = UserSigVerifier.fromPem(pubPem);
    }

    @AfterClass
    public static void tearDown() {
        signer.close();
        verifier.close();
    }

    @Test
    public void genMakesA180DayTicketTheJdkVerifies() throws Exception {
        long before = now();
        String ticket = signer.gen(APP, "xiaojun");
        Map<String, Object> f = JdkTicket.verify(ticket, keys.getPublic());
        assertEquals("xiaojun", f.get("TLS.identifier"));
        assertEquals("1400000267", f.get("TLS.sdk_appid"));
        assertEquals("15552000", f.get("TLS.expire_after"));
        assertEquals(UserSigSigner.DEFAULT_EXPIRE_SECONDS, 15552000L);
        long time = Long.parseLong((String) f.get("TLS.time"));
        assertTrue(time >= before && time <= now());
        assertFalse(f.containsKey("TLS.userbuf"));

        VerifiedUserSig ok = verifier.verify(ticket, APP, "xiaojun");
        assertEquals(15552000L, ok.getExpireTime());
        assertEquals(time, ok.getInitTime());
        assertEquals(time + 15552000L, ok.getExpiresAt());
        assertFalse(ok.hasUserbuf());
        assertNull(ok.getUserbuf());
    }

    @Test
    public void explicitExpireAndTheFullUnsignedRange() throws Exception {
        VerifiedUserSig ok = verifier.verify(signer.gen(APP, "xiaojun", 3600), APP, "xiaojun");
        assertEquals(3600L, ok.getExpireTime());
        String big = signer.gen(4294967295L, "xiaojun", 4294967295L);
        Map<String, Object> f = JdkTicket.verify(big, keys.getPublic());
        assertEquals("4294967295", f.get("TLS.expire_after"));
        assertEquals("4294967295", f.get("TLS.sdk_appid"));
        VerifiedUserSig v = verifier.verify(big, 4294967295L, "xiaojun");
        assertEquals(4294967295L, v.getExpireTime());
    }

    @Test
    public void userbufRoundTripsAndCrossUseGivesTheLegacyCodes() throws Exception {
        byte[] userbuf = {0, 1, 2, (byte) 0xFF, (byte) 0x80, 'a', 0};
        String ticket = signer.gen(APP, "xiaojun", 600, userbuf);
        Map<String, Object> f = JdkTicket.verify(ticket, keys.getPublic());
        assertEquals(Base64.getEncoder().encodeToString(userbuf), f.get("TLS.userbuf"));
        VerifiedUserSig ok = verifier.verifyWithUserbuf(ticket, APP, "xiaojun");
        assertArrayEquals(userbuf, ok.getUserbuf());
        assertTrue(ok.hasUserbuf());
        assertEquals(600L, ok.getExpireTime());
        // the returned array is a copy
        ok.getUserbuf()[0] = 9;
        assertEquals(0, ok.getUserbuf()[0]);
        // an empty userbuf is still a userbuf ticket
        assertArrayEquals(new byte[0], verifier.verifyWithUserbuf(signer.gen(APP, "u", 60, new byte[0]), APP, "u").getUserbuf());
        // cross-use, as the legacy library: userbuf ticket in the plain check 8, plain in userbuf 4
        expectCode(8, "", () -> verifier.verify(ticket, APP, "xiaojun"));
        expectCode(4, "", () -> verifier.verifyWithUserbuf(signer.gen(APP, "xiaojun"), APP, "xiaojun"));
    }

    @Test
    public void ticketsInteroperateWithTheLegacyClass() {
        tls_sigcheck legacy = new tls_sigcheck();
        assertEquals(legacy.getErrMsg(), 0, legacy.tls_check_signature_ex2(signer.gen(APP, "a", 120), pubPem, "1400000267", "a"));
        assertEquals(120, legacy.getExpireTime());
        assertEquals(0, legacy.tls_gen_signature_ex2_with_expire("1400000267", "b", priPem, "240"));
        assertEquals(240L, verifier.verify(legacy.getSig(), APP, "b").getExpireTime());
    }

    @Test
    public void unicodeAndAwkwardIdentifiers() throws Exception {
        for (String id : new String[] {"小军", "emoji \uD83D\uDE00 user", "quote\"back\\slash",
                new String(new char[5000]).replace('\0', 'x')}) {
            String ticket = signer.gen(APP, id, 60);
            assertEquals(id, JdkTicket.verify(ticket, keys.getPublic()).get("TLS.identifier"));
            assertEquals(60L, verifier.verify(ticket, APP, id).getExpireTime());
        }
    }

    @Test
    public void everyFixtureKeyForm() throws Exception {
        File dir = new File("tests/data/keys");
        List<String> lines = Files.readAllLines(new File(dir, "MANIFEST.tsv").toPath(), StandardCharsets.UTF_8);
        int ok = 0;
        int rejected = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t");
            String file = c[0];
            String role = c[1];
            String curve = c[2];
            boolean expectOk = c[4].equals("ok");
            if (!file.endsWith(".pem")) {
                continue;
            }
            String pem = new String(Files.readAllBytes(new File(dir, file).toPath()), StandardCharsets.UTF_8);
            if (role.equals("private") || role.equals("any")) {
                if (expectOk) {
                    String pub = read(dir, curve + "_public_key.pem");
                    try (UserSigSigner s = UserSigSigner.fromPem(pem); UserSigVerifier v = UserSigVerifier.fromPem(pub)) {
                        assertEquals(file, 77L, v.verify(s.gen(APP, file, 77), APP, file).getExpireTime());
                    }
                    ok++;
                } else {
                    expectCode(17, "private key", () -> UserSigSigner.fromPem(pem));
                    rejected++;
                }
            }
            if (role.equals("public") || role.equals("any")) {
                if (expectOk) {
                    String pri = read(dir, curve + "_private_key.pem");
                    try (UserSigSigner s = UserSigSigner.fromPem(pri); UserSigVerifier v = UserSigVerifier.fromPem(pem)) {
                        assertEquals(file, 78L, v.verify(s.gen(APP, file, 78), APP, file).getExpireTime());
                    }
                    ok++;
                } else {
                    expectCode(8, "public key", () -> UserSigVerifier.fromPem(pem));
                    rejected++;
                }
            }
        }
        assertTrue("fixtures read: " + ok, ok >= 24);
        assertTrue("rejected fixtures: " + rejected, rejected >= 8);
    }

    private static String read(File dir, String name) throws Exception {
        return new String(Files.readAllBytes(new File(dir, name).toPath()), StandardCharsets.UTF_8);
    }

    @Test
    public void aSecp256k1TicketIsNotAcceptedUnderAnotherKey() throws Exception {
        File dir = new File("tests/data/keys");
        try (UserSigSigner k1 = UserSigSigner.fromPem(read(dir, "k256_private_key.pem"))) {
            String ticket = k1.gen(APP, "xiaojun");
            expectCode(8, "", () -> verifier.verify(ticket, APP, "xiaojun"));
        }
    }

    // ---- every code ---------------------------------------------------------------------

    @Test
    public void code1EmptyOrNullTicket() {
        expectCode(1, "", () -> verifier.verify("", APP, "xiaojun"));
        expectCode(1, "null", () -> verifier.verify(null, APP, "xiaojun"));
        expectCode(1, "null", () -> verifier.verifyWithUserbuf(null, APP, "xiaojun"));
    }

    @Test
    public void code2Code3Code4() {
        expectCode(2, "", () -> verifier.verify("!!!not base64!!!", APP, "xiaojun"));
        expectCode(3, "", () -> verifier.verify("bm90IHpsaWI_", APP, "xiaojun"));   // "not zlib"
        expectCode(4, "", () -> verifier.verify(JdkTicket.encodeJson("not json"), APP, "xiaojun"));
    }

    @Test
    public void code4MissingSignedField() throws Exception {
        Map<String, Object> f = JdkTicket.fields(APP, "xiaojun", now(), 3600);
        f.remove("TLS.identifier");
        String ticket = JdkTicket.build(f, keys.getPrivate());
        expectCode(4, "", () -> verifier.verify(ticket, APP, "xiaojun"));
    }

    @Test
    public void code6And7SigField() throws Exception {
        Map<String, Object> f = JdkTicket.fields(APP, "xiaojun", now(), 3600);
        f.put("TLS.sig", "%%%");
        String bad = JdkTicket.build(f, keys.getPrivate());
        expectCode(6, "", () -> verifier.verify(bad, APP, "xiaojun"));
        f.put("TLS.sig", Long.valueOf(5));
        String notString = JdkTicket.build(f, keys.getPrivate());
        expectCode(7, "", () -> verifier.verify(notString, APP, "xiaojun"));
    }

    @Test
    public void code8WrongKeyAndV2Ticket() throws Exception {
        KeyPair other = JdkTicket.newP256();
        try (UserSigVerifier wrong = UserSigVerifier.fromPem(JdkTicket.publicPem(other.getPublic()))) {
            expectCode(8, "", () -> wrong.verify(signer.gen(APP, "xiaojun"), APP, "xiaojun"));
        }
        String v2 = Tickets.buildV2(Tickets.v2Fields(APP, "xiaojun", now(), 3600), "secret");
        expectCode(8, "", () -> verifier.verify(v2, APP, "xiaojun"));
    }

    @Test
    public void code9ExpiredReportsTheTicketsTimes() throws Exception {
        long time = now() - 1000;
        String ticket = JdkTicket.build(JdkTicket.fields(APP, "xiaojun", time, 10), keys.getPrivate());
        UserSigException e = expectCode(9, "", () -> verifier.verify(ticket, APP, "xiaojun"));
        assertTrue(e.hasTicketTimes());
        assertEquals(10L, e.getExpireTime());
        assertEquals(time, e.getInitTime());
        // valid until time + expire inclusive: a future time with expire 0 is still valid
        String fresh = JdkTicket.build(JdkTicket.fields(APP, "xiaojun", now() + 60, 0), keys.getPrivate());
        assertEquals(0L, verifier.verify(fresh, APP, "xiaojun").getExpireTime());
    }

    @Test
    public void code10TimeNotAString() throws Exception {
        Map<String, Object> f = JdkTicket.fields(APP, "xiaojun", now(), 3600);
        f.put("TLS.time", Long.valueOf(now()));
        String ticket = JdkTicket.build(f, keys.getPrivate());
        expectCode(10, "", () -> verifier.verify(ticket, APP, "xiaojun"));
    }

    @Test
    public void code13And14Mismatches() {
        String ticket = signer.gen(APP, "xiaojun");
        expectCode(13, "", () -> verifier.verify(ticket, APP, "xiaoming"));
        expectCode(14, "", () -> verifier.verify(ticket, APP + 1, "xiaojun"));
    }

    @Test
    public void code15MalformedUserbuf() throws Exception {
        Map<String, Object> f = JdkTicket.fields(APP, "xiaojun", now(), 3600);
        f.put("TLS.userbuf", "%%% not base64");
        String ticket = JdkTicket.build(f, keys.getPrivate());
        expectCode(15, "", () -> verifier.verifyWithUserbuf(ticket, APP, "xiaojun"));
    }

    @Test
    public void code17UnusablePrivateKeyAnd8UnusablePublicKey() {
        expectCode(17, "private key", () -> UserSigSigner.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
        expectCode(17, "private key", () -> UserSigSigner.fromPem(pubPem));
        expectCode(17, "private key", () -> UserSigSigner.fromPem(""));
        expectCode(8, "public key", () -> UserSigVerifier.fromPem(priPem));
        expectCode(8, "public key", () -> UserSigVerifier.fromPem("garbage"));
    }

    @Test
    public void keyErrorsNeverEchoTheKey() {
        String body = priPem.split("\n")[1];
        UserSigException e = expectCode(8, "", () -> UserSigVerifier.fromPem(priPem));
        assertFalse(e.getMessage(), e.getMessage().contains(body));
        String broken = priPem.replace(body, body.substring(0, 20) + "!" + body.substring(21));
        UserSigException e2 = expectCode(17, "", () -> UserSigSigner.fromPem(broken));
        assertFalse(e2.getMessage(), e2.getMessage().contains(body.substring(0, 20)));
    }

    @Test
    public void errorEnumCoversTheLegacyTable() {
        List<Integer> codes = new ArrayList<Integer>();
        for (UserSigError e : UserSigError.values()) {
            codes.add(e.code());
            assertEquals(e, UserSigError.fromCode(e.code()));
        }
        for (int i = 1; i <= 17; i++) {
            assertTrue("code " + i, codes.contains(i));
        }
        assertEquals(17, codes.size());
        assertNull(UserSigError.fromCode(0));
        assertNull(UserSigError.fromCode(18));
        assertEquals(UserSigError.EXPIRED, new UserSigException(9, "x").getError());
    }

    @Test
    public void expiresAtSaturates() {
        assertEquals(Long.MAX_VALUE, new VerifiedUserSig(Long.MAX_VALUE, 10, null).getExpiresAt());
        assertEquals(30L, new VerifiedUserSig(20, 10, null).getExpiresAt());
        assertEquals(new VerifiedUserSig(1, 2, new byte[] {3}), new VerifiedUserSig(1, 2, new byte[] {3}));
        assertFalse(new VerifiedUserSig(1, 2, null).equals(new VerifiedUserSig(1, 2, new byte[0])));
    }

    @Test
    public void closedObjectsThrowIllegalState() {
        UserSigSigner s = UserSigSigner.fromPem(priPem);
        UserSigVerifier v = UserSigVerifier.fromPem(pubPem);
        String ticket = s.gen(APP, "xiaojun");
        assertFalse(s.isClosed());
        s.close();
        v.close();
        s.close();   // idempotent
        v.close();
        assertTrue(s.isClosed());
        assertTrue(v.isClosed());
        expect(IllegalStateException.class, "closed", () -> s.gen(APP, "xiaojun"));
        expect(IllegalStateException.class, "closed", () -> v.verify(ticket, APP, "xiaojun"));
        expect(IllegalStateException.class, "closed", () -> v.verifyWithUserbuf(ticket, APP, "xiaojun"));
        assertFalse("the native key is freed", Natives.nIsLive(s.nativeKey().handleForTest()));
        assertFalse(Natives.nIsLive(v.nativeKey().handleForTest()));
    }
}
