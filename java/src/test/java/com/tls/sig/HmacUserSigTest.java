package com.tls.sig;

import static com.tls.sig.Tickets.APP;
import static com.tls.sig.Tickets.expect;
import static com.tls.sig.Tickets.expectCode;
import static com.tls.sig.Tickets.now;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.tls.sigcheck.JdkTicket;
import com.tls.sigcheck.tls_sigcheck;

/** The v2 (HMAC) signer and verifier: JDK-checked round trips and every v2 code. */
public class HmacUserSigTest {

    static final String SECRET = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    static HmacUserSigSigner signer;
    static HmacUserSigVerifier verifier;

    @BeforeClass
    public static void setUp() {
        signer = HmacUserSigSigner.fromSecret(SECRET);
        verifier = HmacUserSigVerifier.fromSecret(SECRET);
    }

    @AfterClass
    public static void tearDown() {
        signer.close();
        verifier.close();
    }

    @Test
    public void genMakesATicketTheJdkVerifies() throws Exception {
        long before = now();
        String ticket = signer.gen(APP, "xiaojun", 86400);
        Map<String, Object> f = Tickets.verifyV2(ticket, SECRET);
        assertEquals("xiaojun", f.get("TLS.identifier"));
        assertEquals(APP, ((Number) f.get("TLS.sdkappid")).longValue());
        assertEquals(86400L, ((Number) f.get("TLS.expire")).longValue());
        long time = ((Number) f.get("TLS.time")).longValue();
        assertTrue(time >= before && time <= now());
        VerifiedUserSig ok = verifier.verify(ticket, APP, "xiaojun");
        assertEquals(86400L, ok.getExpireTime());
        assertEquals(time, ok.getInitTime());
        assertEquals(15552000L, verifier.verify(signer.gen(APP, "x"), APP, "x").getExpireTime());
    }

    @Test
    public void jdkBuiltTicketsVerifyAndTheLegacyClassAgrees() throws Exception {
        long time = now();
        String ticket = Tickets.buildV2(Tickets.v2Fields(APP, "xiaojun", time, 3600), SECRET);
        VerifiedUserSig ok = verifier.verify(ticket, APP, "xiaojun");
        assertEquals(3600L, ok.getExpireTime());
        assertEquals(time, ok.getInitTime());
        tls_sigcheck legacy = new tls_sigcheck();
        assertEquals(legacy.getErrMsg(), 0, legacy.tls_check_signature_ex2(signer.gen(APP, "y", 99), SECRET, "1400000267", "y"));
        assertEquals(99, legacy.getExpireTime());
    }

    @Test
    public void byteSecretsAreCopiedAndEquivalent() {
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        try (HmacUserSigSigner s = HmacUserSigSigner.fromSecret(bytes)) {
            Arrays.fill(bytes, (byte) 0);   // the caller zeroes its copy: the signer kept its own
            assertEquals(60L, verifier.verify(s.gen(APP, "z", 60), APP, "z").getExpireTime());
        }
        expect(IllegalArgumentException.class, "empty", () -> HmacUserSigSigner.fromSecret(""));
        expect(IllegalArgumentException.class, "empty", () -> HmacUserSigVerifier.fromSecret(new byte[0]));
    }

    @Test
    public void userbufTickets() throws Exception {
        byte[] userbuf = "room=42".getBytes(StandardCharsets.UTF_8);
        String ticket = signer.gen(APP, "xiaojun", 600, userbuf);
        Map<String, Object> f = Tickets.verifyV2(ticket, SECRET);
        assertEquals(Base64.getEncoder().encodeToString(userbuf), f.get("TLS.userbuf"));
        assertArrayEquals(userbuf, verifier.verifyWithUserbuf(ticket, APP, "xiaojun").getUserbuf());
        assertArrayEquals(userbuf, verifier.verifyWithUserbuf(ticket, APP, "xiaojun", userbuf).getUserbuf());
        expectCode(15, "", () -> verifier.verifyWithUserbuf(ticket, APP, "xiaojun", "room=43".getBytes(StandardCharsets.UTF_8)));
        // a userbuf ticket in the plain check fails its MAC (8), as the legacy library
        expectCode(8, "", () -> verifier.verify(ticket, APP, "xiaojun"));
    }

    @Test
    public void everyV2Code() throws Exception {
        long t = now();
        expectCode(1, "", () -> verifier.verify("", APP, "xiaojun"));
        expectCode(1, "", () -> verifier.verify(null, APP, "xiaojun"));
        expectCode(2, "", () -> verifier.verify("@@@", APP, "xiaojun"));
        expectCode(3, "", () -> verifier.verify("bm90IHpsaWI_", APP, "xiaojun"));
        expectCode(4, "", () -> verifier.verify(JdkTicket.encodeJson("{\"TLS.ver\":\"2.0\""), APP, "xiaojun"));
        for (String field : new String[] {"TLS.identifier", "TLS.sdkappid", "TLS.time", "TLS.expire", "TLS.sig"}) {
            Map<String, Object> f = Tickets.v2Fields(APP, "xiaojun", t, 3600);
            f.put("TLS.sig", Tickets.hmac(SECRET, Tickets.v2Text(f)));
            f.remove(field);
            String ticket = JdkTicket.encodeJson(com.tls.sigcheck.MiniJson.write(f));
            expectCode(7, "", () -> verifier.verify(ticket, APP, "xiaojun"));
        }
        String good = Tickets.buildV2(Tickets.v2Fields(APP, "xiaojun", t, 3600), SECRET);
        try (HmacUserSigVerifier wrong = HmacUserSigVerifier.fromSecret(SECRET + "x")) {
            expectCode(8, "", () -> wrong.verify(good, APP, "xiaojun"));
        }
        String expired = Tickets.buildV2(Tickets.v2Fields(APP, "xiaojun", t - 100, 10), SECRET);
        UserSigException e = expectCode(9, "", () -> verifier.verify(expired, APP, "xiaojun"));
        assertTrue(e.hasTicketTimes());
        assertEquals(10L, e.getExpireTime());
        assertEquals(t - 100, e.getInitTime());
        expectCode(13, "", () -> verifier.verify(good, APP, "xiaoming"));
        expectCode(14, "", () -> verifier.verify(good, APP + 1, "xiaojun"));
    }

    @Test
    public void aV1TicketIsCode8AndClosedIsIllegalState() throws Exception {
        try (UserSigSigner v1 = UserSigSigner.fromPem(JdkTicket.privatePem(JdkTicket.newP256().getPrivate()))) {
            String ticket = v1.gen(APP, "xiaojun");
            expectCode(8, "", () -> verifier.verify(ticket, APP, "xiaojun"));
        }
        HmacUserSigSigner s = HmacUserSigSigner.fromSecret(SECRET);
        HmacUserSigVerifier v = HmacUserSigVerifier.fromSecret(SECRET);
        String ticket = s.gen(APP, "a");
        s.close();
        v.close();
        assertTrue(s.isClosed() && v.isClosed());
        expect(IllegalStateException.class, "closed", () -> s.gen(APP, "a"));
        expect(IllegalStateException.class, "closed", () -> v.verify(ticket, APP, "a"));
        assertFalse(Natives.nIsLive(s.nativeKey().handleForTest()));
        assertFalse(Natives.nIsLive(v.nativeKey().handleForTest()));
    }
}
