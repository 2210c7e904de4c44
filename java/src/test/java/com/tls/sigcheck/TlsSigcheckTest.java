package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Every native and every field of {@link tls_sigcheck}, through the real library, and the legacy
 * codes reached through JNI. Tickets are cross-checked with {@link JdkTicket} (JDK only).
 */
@SuppressWarnings("deprecation")
public class TlsSigcheckTest {

    static final String APP = "1400000267";
    static final long APP_ID = 1400000267L;

    static KeyPair keys;
    static String priPem;
    static String pubPem;
    static KeyPair otherKeys;

    @BeforeClass
    public static void makeKeys() throws Exception {
        keys = JdkTicket.newP256();
        priPem = JdkTicket.privatePem(keys.getPrivate());
        pubPem = JdkTicket.publicPem(keys.getPublic());
        otherKeys = JdkTicket.newP256();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Asserts a failed call: the code, and a message that is set and mentions {@code part}. */
    static void assertFailure(tls_sigcheck s, int ret, int code, String part) {
        assertEquals("code (errMsg: " + s.getErrMsg() + ")", code, ret);
        assertNotNull("errMsg is never null", s.getErrMsg());
        assertTrue("errMsg '" + s.getErrMsg() + "' should mention '" + part + "'",
                s.getErrMsg().toLowerCase().contains(part.toLowerCase()));
    }

    // ---- generators --------------------------------------------------------------------

    @Test
    public void genEx2MakesAVerifiable180DayTicket() throws Exception {
        tls_sigcheck s = new tls_sigcheck();
        long before = now();
        assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2(APP, "xiaojun", priPem));
        assertEquals("", s.getErrMsg());
        Map<String, Object> f = JdkTicket.verify(s.getSig(), keys.getPublic());
        assertEquals("xiaojun", f.get("TLS.identifier"));
        assertEquals(APP, f.get("TLS.sdk_appid"));
        assertEquals("0", f.get("TLS.account_type"));
        assertEquals("0", f.get("TLS.appid_at_3rd"));
        assertEquals("15552000", f.get("TLS.expire_after"));
        long time = Long.parseLong((String) f.get("TLS.time"));
        assertTrue(time >= before && time <= now());
        // gen does not touch the times
        assertEquals(0, s.getExpireTime());
        assertEquals(0, s.getInitTime());
    }

    @Test
    public void genEx2WithExpireAndCheckEx2SetEveryField() throws Exception {
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2_with_expire(APP, "xiaojun", priPem, "3600"));
        Map<String, Object> f = JdkTicket.verify(s.getSig(), keys.getPublic());
        assertEquals("3600", f.get("TLS.expire_after"));
        String sig = s.getSig();

        tls_sigcheck c = new tls_sigcheck();
        assertEquals(c.getErrMsg(), 0, c.tls_check_signature_ex2(sig, pubPem, APP, "xiaojun"));
        assertEquals("", c.getErrMsg());
        assertEquals(3600, c.getExpireTime());
        assertEquals(Long.parseLong((String) f.get("TLS.time")), c.getInitTime());
        assertEquals("check leaves the sig field alone", null, c.getSig());
    }

    @Test
    public void deprecatedExPairCarriesAccountTypeAndAppid3rd() throws Exception {
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(s.getErrMsg(), 0,
                s.tls_gen_signature_ex("86400", "1400000267", APP, "xiaojun", "107", priPem));
        assertEquals("", s.getErrMsg());
        Map<String, Object> f = JdkTicket.verify(s.getSig(), keys.getPublic());
        assertEquals("107", f.get("TLS.account_type"));
        assertEquals("1400000267", f.get("TLS.appid_at_3rd"));
        assertEquals("86400", f.get("TLS.expire_after"));

        tls_sigcheck c = new tls_sigcheck();
        // account type and appid3rd are not compared, as in the legacy library
        assertEquals(c.getErrMsg(), 0,
                c.tls_check_signature_ex(s.getSig(), pubPem, "999", "42", APP, "xiaojun"));
        assertEquals(86400, c.getExpireTime());
        assertEquals(Long.parseLong((String) f.get("TLS.time")), c.getInitTime());
        assertEquals("", c.getErrMsg());
        assertFailure(c, c.tls_check_signature_ex(s.getSig(), pubPem, "107", APP, APP, "xiaoming"), 13, "");
        assertEquals(0, c.getExpireTime());
        assertEquals(0, c.getInitTime());
    }

    @Test
    public void plainJsonFormSignsAndChecks() throws Exception {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss");
        Map<String, Object> json = new LinkedHashMap<String, Object>();
        json.put("TLS.account_type", "0");
        json.put("TLS.identifier", "xiaojun");
        json.put("TLS.appid_at_3rd", "0");
        json.put("TLS.sdk_appid", APP);
        json.put("TLS.expire_after", "2592000");
        json.put("TLS.time", format.format(new Date()) + "-08:00");
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(s.getErrMsg(), 0, s.tls_gen_signature(MiniJson.write(json), priPem));
        assertEquals("", s.getErrMsg());
        Map<String, Object> signed = MiniJson.parseObject(s.getSig());
        assertEquals("xiaojun", signed.get("TLS.identifier"));
        java.security.Signature v = java.security.Signature.getInstance("SHA256withECDSA");
        v.initVerify(keys.getPublic());
        v.update(JdkTicket.signedText(signed).getBytes(StandardCharsets.UTF_8));
        assertTrue(v.verify(Base64.getDecoder().decode((String) signed.get("TLS.sig"))));

        tls_sigcheck c = new tls_sigcheck();
        assertEquals(c.getErrMsg(), 0, c.tls_check_signature_ex2(s.getSig(), pubPem, APP, "xiaojun"));
        assertEquals(2592000, c.getExpireTime());
        // the plain form's local time: within a day of now whatever the time zone
        assertTrue(Math.abs(c.getInitTime() - now()) < 86400);

        assertFailure(s, s.tls_gen_signature("{not json", priPem), 4, "json");
        assertEquals("", s.getSig());
    }

    @Test
    public void emojiIdentifierIsSignedAsRealUtf8() throws Exception {
        String id = "user_\uD83D\uDE00_\u5c0f\u519b";   // U+1F600 and two CJK characters
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2(APP, id, priPem));
        // The JDK verifies over String.getBytes(UTF_8): real 4-byte UTF-8, not CESU-8.
        Map<String, Object> f = JdkTicket.verify(s.getSig(), keys.getPublic());
        assertEquals(id, f.get("TLS.identifier"));
        byte[] json = JdkTicket.decodeToJson(s.getSig()).getBytes(StandardCharsets.UTF_8);
        assertTrue("ticket JSON holds F0 9F 98 80", indexOf(json, new byte[] {
            (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}) >= 0);
        tls_sigcheck c = new tls_sigcheck();
        assertEquals(c.getErrMsg(), 0, c.tls_check_signature_ex2(s.getSig(), pubPem, APP, id));
        assertFailure(c, c.tls_check_signature_ex2(s.getSig(), pubPem, APP, "user_\uD83D\uDE01_\u5c0f\u519b"), 13, "");
    }

    @Test
    public void identifierWithQuotesAndLongIdentifiers() throws Exception {
        StringBuilder longId = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            longId.append((char) ('a' + i % 26));
        }
        for (String id : new String[] {"a\"b\\c", "x\",\"TLS.identifier\":\"evil", longId.toString()}) {
            tls_sigcheck s = new tls_sigcheck();
            assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2(APP, id, priPem));
            assertEquals(id, JdkTicket.verify(s.getSig(), keys.getPublic()).get("TLS.identifier"));
            assertEquals(s.getErrMsg(), 0, s.tls_check_signature_ex2(s.getSig(), pubPem, APP, id));
        }
    }

    @Test
    public void largeExpireIsWrittenUnsigned() throws Exception {
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2_with_expire(APP, "u", priPem, "4294967295"));
        assertEquals("4294967295", JdkTicket.verify(s.getSig(), keys.getPublic()).get("TLS.expire_after"));
        assertEquals(s.getErrMsg(), 0, s.tls_check_signature_ex2(s.getSig(), pubPem, APP, "u"));
        // beyond the legacy int field: saturated, never negative garbage
        assertEquals(Integer.MAX_VALUE, s.getExpireTime());
    }

    // ---- the legacy codes through JNI ---------------------------------------------------

    @Test
    public void code1EmptySig() {
        tls_sigcheck c = new tls_sigcheck();
        assertFailure(c, c.tls_check_signature_ex2("", pubPem, APP, "xiaojun"), 1, "");
    }

    @Test
    public void code2BadBase64() {
        tls_sigcheck c = new tls_sigcheck();
        assertNotEquals(0, c.tls_check_signature_ex2("!!!!", pubPem, APP, "xiaojun"));
        assertFailure(c, c.tls_check_signature_ex2("!!!!", pubPem, APP, "xiaojun"), 2, "");
    }

    @Test
    public void code3NotZlib() {
        String b64 = Base64.getEncoder().encodeToString("hello, not zlib".getBytes(StandardCharsets.UTF_8))
                .replace('+', '*').replace('/', '-').replace('=', '_');
        tls_sigcheck c = new tls_sigcheck();
        assertFailure(c, c.tls_check_signature_ex2(b64, pubPem, APP, "xiaojun"), 3, "");
    }

    @Test
    public void code4NotJsonAndMissingField() throws Exception {
        tls_sigcheck c = new tls_sigcheck();
        assertFailure(c, c.tls_check_signature_ex2(JdkTicket.encodeJson("[1, 2"), pubPem, APP, "xiaojun"), 4, "");
        Map<String, Object> f = JdkTicket.fields(APP_ID, "xiaojun", now(), 3600);
        f.remove("TLS.identifier");
        assertFailure(c, c.tls_check_signature_ex2(JdkTicket.build(f, keys.getPrivate()), pubPem, APP, "xiaojun"), 4, "");
    }

    @Test
    public void code6SigFieldNotBase64() throws Exception {
        Map<String, Object> f = JdkTicket.fields(APP_ID, "xiaojun", now(), 3600);
        f.put("TLS.sig", "%%% not base64 %%%");
        tls_sigcheck c = new tls_sigcheck();
        assertFailure(c, c.tls_check_signature_ex2(JdkTicket.build(f, keys.getPrivate()), pubPem, APP, "xiaojun"), 6, "");
    }

    @Test
    public void code7SigFieldMissing() throws Exception {
        Map<String, Object> f = JdkTicket.fields(APP_ID, "xiaojun", now(), 3600);
        f.put("TLS.sig", null);
        tls_sigcheck c = new tls_sigcheck();
        assertFailure(c, c.tls_check_signature_ex2(JdkTicket.build(f, keys.getPrivate()), pubPem, APP, "xiaojun"), 7, "");
    }

    @Test
    public void code8WrongKeyAndTimesResetToZero() throws Exception {
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(0, s.tls_gen_signature_ex2(APP, "xiaojun", priPem));
        assertEquals(0, s.tls_check_signature_ex2(s.getSig(), pubPem, APP, "xiaojun"));
        assertEquals(15552000, s.getExpireTime());
        String otherPub = JdkTicket.publicPem(otherKeys.getPublic());
        assertFailure(s, s.tls_check_signature_ex2(s.getSig(), otherPub, APP, "xiaojun"), 8, "");
        assertEquals("times are 0 after a failure", 0, s.getExpireTime());
        assertEquals(0, s.getInitTime());
        assertFailure(s, s.tls_check_signature_ex2(s.getSig(), "not a key", APP, "xiaojun"), 8, "");
    }

    @Test
    public void code9ExpiredReportsTheTicketsTimes() throws Exception {
        long time = now() - 1000;
        String ticket = JdkTicket.build(JdkTicket.fields(APP_ID, "xiaojun", time, 10), keys.getPrivate());
        tls_sigcheck c = new tls_sigcheck();
        assertFailure(c, c.tls_check_signature_ex2(ticket, pubPem, APP, "xiaojun"), 9, "");
        // as the legacy library: the times of an expired ticket are reported
        assertEquals(10, c.getExpireTime());
        assertEquals(time, c.getInitTime());
        // a ticket whose time + expire is not yet past is valid, even with expire 0
        String fresh = JdkTicket.build(JdkTicket.fields(APP_ID, "xiaojun", now() + 60, 0), keys.getPrivate());
        assertEquals(c.getErrMsg(), 0, c.tls_check_signature_ex2(fresh, pubPem, APP, "xiaojun"));
    }

    @Test
    public void code10TimeNotAString() throws Exception {
        Map<String, Object> f = JdkTicket.fields(APP_ID, "xiaojun", now(), 3600);
        f.put("TLS.time", Long.valueOf(now()));
        tls_sigcheck c = new tls_sigcheck();
        assertFailure(c, c.tls_check_signature_ex2(JdkTicket.build(f, keys.getPrivate()), pubPem, APP, "xiaojun"), 10, "");
    }

    @Test
    public void code13And14Mismatches() throws Exception {
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(0, s.tls_gen_signature_ex2(APP, "xiaojun", priPem));
        assertFailure(s, s.tls_check_signature_ex2(s.getSig(), pubPem, APP, "xiaoming"), 13, "");
        assertFailure(s, s.tls_check_signature_ex2(s.getSig(), pubPem, "1400000268", "xiaojun"), 14, "");
    }

    @Test
    public void code17UnreadablePrivateKey() {
        tls_sigcheck s = new tls_sigcheck();
        assertFailure(s, s.tls_gen_signature_ex2(APP, "xiaojun", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), 17, "priKey");
        assertEquals("", s.getSig());
        assertFailure(s, s.tls_gen_signature_ex2(APP, "xiaojun", pubPem), 17, "priKey");
    }

    @Test
    public void failedGenerationClearsTheOldSig() {
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(0, s.tls_gen_signature_ex2(APP, "xiaojun", priPem));
        assertTrue(s.getSig().length() > 0);
        assertFailure(s, s.tls_gen_signature_ex2("0", "xiaojun", priPem), 16, "sdkappid");
        assertEquals("", s.getSig());
    }

    @Test
    public void v2HmacTicketIsCheckedWithTheSecret() throws Exception {
        String secret = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
        long time = now();
        String text = "TLS.identifier:xiaojun\nTLS.sdkappid:" + APP + "\nTLS.time:" + time + "\nTLS.expire:3600\n";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        String json = "{\"TLS.ver\":\"2.0\",\"TLS.identifier\":\"xiaojun\",\"TLS.sdkappid\":" + APP
                + ",\"TLS.expire\":3600,\"TLS.time\":" + time + ",\"TLS.sig\":\"" + sig + "\"}";
        String ticket = JdkTicket.encodeJson(json);
        tls_sigcheck c = new tls_sigcheck();
        assertEquals(c.getErrMsg(), 0, c.tls_check_signature_ex2(ticket, secret, APP, "xiaojun"));
        assertEquals(3600, c.getExpireTime());
        assertEquals(time, c.getInitTime());
        assertFailure(c, c.tls_check_signature_ex2(ticket, secret + "x", APP, "xiaojun"), 8, "");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
