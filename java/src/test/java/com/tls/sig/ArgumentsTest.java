package com.tls.sig;

import static com.tls.sig.Tickets.APP;
import static com.tls.sig.Tickets.expect;
import static com.tls.sig.Tickets.expectCode;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.tls.sigcheck.JdkTicket;

/**
 * Nulls, out-of-range numbers, invalid UTF-16 and garbage in every position, through the public
 * API and straight into the natives (bypassing the Java checks): always a Java exception of the
 * documented type, never a crash.
 */
public class ArgumentsTest {

    static String priPem;
    static String pubPem;
    static UserSigSigner signer;
    static UserSigVerifier verifier;
    static HmacUserSigSigner hmacSigner;
    static HmacUserSigVerifier hmacVerifier;

    @BeforeClass
    public static void setUp() throws Exception {
        java.security.KeyPair keys = JdkTicket.newP256();
        priPem = JdkTicket.privatePem(keys.getPrivate());
        pubPem = JdkTicket.publicPem(keys.getPublic());
        signer = UserSigSigner.fromPem(priPem);
        verifier = UserSigVerifier.fromPem(pubPem);
        hmacSigner = HmacUserSigSigner.fromSecret("secret");
        hmacVerifier = HmacUserSigVerifier.fromSecret("secret");
    }

    @AfterClass
    public static void tearDown() {
        signer.close();
        verifier.close();
        hmacSigner.close();
        hmacVerifier.close();
    }

    @Test
    public void nullsThroughThePublicApi() {
        expect(NullPointerException.class, "privateKeyPem", () -> UserSigSigner.fromPem(null));
        expect(NullPointerException.class, "publicKeyPem", () -> UserSigVerifier.fromPem(null));
        expect(NullPointerException.class, "secret", () -> HmacUserSigSigner.fromSecret((String) null));
        expect(NullPointerException.class, "secret", () -> HmacUserSigSigner.fromSecret((byte[]) null));
        expect(NullPointerException.class, "secret", () -> HmacUserSigVerifier.fromSecret((String) null));
        expect(NullPointerException.class, "secret", () -> HmacUserSigVerifier.fromSecret((byte[]) null));
        expect(NullPointerException.class, "identifier", () -> signer.gen(APP, null));
        expect(NullPointerException.class, "identifier", () -> signer.gen(APP, null, 60));
        expect(NullPointerException.class, "userbuf", () -> signer.gen(APP, "a", 60, null));
        expect(NullPointerException.class, "identifier", () -> hmacSigner.gen(APP, null));
        expect(NullPointerException.class, "userbuf", () -> hmacSigner.gen(APP, "a", 60, null));
        String ticket = signer.gen(APP, "a");
        expect(NullPointerException.class, "identifier", () -> verifier.verify(ticket, APP, null));
        expect(NullPointerException.class, "identifier", () -> verifier.verifyWithUserbuf(ticket, APP, null));
        expect(NullPointerException.class, "identifier", () -> hmacVerifier.verify(ticket, APP, null));
        expect(NullPointerException.class, "expectedUserbuf", () -> hmacVerifier.verifyWithUserbuf(ticket, APP, "a", null));
        // a null ticket is an empty one (code 1), as in the legacy check
        expectCode(1, "", () -> verifier.verify(null, APP, "a"));
        expectCode(1, "", () -> hmacVerifier.verifyWithUserbuf(null, APP, "a"));
    }

    @Test
    public void numbersOutOfRange() {
        for (long bad : new long[] {0, -1, 4294967296L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            expect(IllegalArgumentException.class, "sdkAppId", () -> signer.gen(bad, "a"));
            expect(IllegalArgumentException.class, "sdkAppId", () -> hmacSigner.gen(bad, "a"));
            expect(IllegalArgumentException.class, "sdkAppId", () -> verifier.verify("x", bad, "a"));
            expect(IllegalArgumentException.class, "sdkAppId", () -> hmacVerifier.verify("x", bad, "a"));
        }
        for (long bad : new long[] {-1, 4294967296L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            expect(IllegalArgumentException.class, "expireSeconds", () -> signer.gen(APP, "a", bad));
            expect(IllegalArgumentException.class, "expireSeconds", () -> hmacSigner.gen(APP, "a", bad, new byte[1]));
        }
    }

    @Test
    public void loneSurrogatesAreRefused() {
        expect(IllegalArgumentException.class, "surrogate", () -> signer.gen(APP, "a\uD83D"));
        expect(IllegalArgumentException.class, "surrogate", () -> hmacSigner.gen(APP, "\uDE00b"));
        String ticket = signer.gen(APP, "a");
        expect(IllegalArgumentException.class, "surrogate", () -> verifier.verify(ticket, APP, "a\uD83D"));
        expect(IllegalArgumentException.class, "surrogate", () -> verifier.verify(ticket + "\uD83D", APP, "a"));
        expect(IllegalArgumentException.class, "surrogate", () -> UserSigSigner.fromPem(priPem + "\uD83D"));
    }

    @Test
    public void nativesRejectEverythingTheJavaSideWouldHaveCaught() {
        long s = signer.nativeKey().handleForTest();
        long v = verifier.nativeKey().handleForTest();
        long h = hmacSigner.nativeKey().handleForTest();
        expect(NullPointerException.class, "privateKeyPem", () -> Natives.nNewPrivateKey(null));
        expect(NullPointerException.class, "publicKeyPem", () -> Natives.nNewPublicKey(null));
        expect(NullPointerException.class, "secret", () -> Natives.nNewHmacKey(null));
        expect(NullPointerException.class, "identifier", () -> Natives.nGen(s, APP, null, 60, null));
        expect(NullPointerException.class, "identifier", () -> Natives.nVerify(v, "t", APP, null, 0, null));
        expect(IllegalArgumentException.class, "sdkAppId", () -> Natives.nGen(s, 0, "a", 60, null));
        expect(IllegalArgumentException.class, "sdkAppId", () -> Natives.nVerify(v, "t", -5, "a", 0, null));
        expect(IllegalArgumentException.class, "expireSeconds", () -> Natives.nGen(h, APP, "a", -1, null));
        expect(IllegalArgumentException.class, "mode", () -> Natives.nVerify(v, "t", APP, "a", 7, null));
        // unknown, freed, forged and wrong-kind handles
        for (long bad : new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 123456789012L}) {
            expect(IllegalStateException.class, "closed", () -> Natives.nGen(bad, APP, "a", 60, null));
            expect(IllegalStateException.class, "closed", () -> Natives.nVerify(bad, "t", APP, "a", 0, null));
            assertFalse(Natives.nFree(bad));
            assertFalse(Natives.nIsLive(bad));
        }
        expect(IllegalStateException.class, "public key", () -> Natives.nGen(v, APP, "a", 60, null));
        expect(IllegalStateException.class, "private key", () -> Natives.nVerify(s, "t", APP, "a", 0, null));
        long fresh = Natives.nNewHmacKey(new byte[] {1});
        assertTrue(Natives.nIsLive(fresh));
        assertTrue(Natives.nFree(fresh));
        assertFalse("free is idempotent", Natives.nFree(fresh));
        expect(IllegalStateException.class, "closed", () -> Natives.nGen(fresh, APP, "a", 60, null));
        // the live objects still work after all that
        assertEquals(60L, verifier.verify(signer.gen(APP, "a", 60), APP, "a").getExpireTime());
    }

    @Test
    public void garbageTicketsAlwaysGiveALegacyCode() {
        Random random = new Random(42);
        String valid = signer.gen(APP, "a");
        String hmacValid = hmacSigner.gen(APP, "a");
        for (int i = 0; i < 3000; i++) {
            String garbage;
            switch (i % 4) {
                case 0:
                    byte[] b = new byte[random.nextInt(300)];
                    random.nextBytes(b);
                    garbage = new String(b, StandardCharsets.ISO_8859_1);
                    break;
                case 1:
                    char[] c = (i % 8 == 1 ? valid : hmacValid).toCharArray();
                    String alphabet = "ABCxyz019*-_+/= \n{}\"";
                    c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                    garbage = new String(c);
                    break;
                case 2:
                    garbage = valid.substring(0, random.nextInt(valid.length()));
                    break;
                default:
                    garbage = JdkTicket.encodeJson("{\"TLS.ver\":" + random.nextInt(4) + ",\"TLS.sig\":[" + i + "]}");
            }
            for (int which = 0; which < 2; which++) {
                try {
                    VerifiedUserSig ok = which == 0 ? verifier.verify(garbage, APP, "a") : hmacVerifier.verify(garbage, APP, "a");
                    // a one-character change can leave a ticket valid (e.g. in ignored padding)
                    assertNotNull(ok);
                } catch (UserSigException e) {
                    assertTrue(garbage + " -> " + e, e.getCode() >= 1 && e.getCode() <= 15);
                    assertNotNull(e.getError());
                }
            }
        }
    }
}
