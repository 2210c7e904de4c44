package com.tls.sig;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.tls.sigcheck.JdkTicket;
import com.tls.sigcheck.MiniJson;

/** Test helpers: v2 tickets built with the JDK alone, and exception assertions. */
final class Tickets {

    static final long APP = 1400000267L;

    private Tickets() {
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** The fields of a v2 ticket (JSON numbers), without {@code TLS.sig}. */
    static Map<String, Object> v2Fields(long sdkappid, String identifier, long time, long expire) {
        Map<String, Object> f = new LinkedHashMap<String, Object>();
        f.put("TLS.ver", "2.0");
        f.put("TLS.identifier", identifier);
        f.put("TLS.sdkappid", sdkappid);
        f.put("TLS.expire", expire);
        f.put("TLS.time", time);
        return f;
    }

    /** The HMAC text of a v2 ticket (SPEC section 2). */
    static String v2Text(Map<String, Object> f) {
        String text = "TLS.identifier:" + f.get("TLS.identifier") + "\n" + "TLS.sdkappid:" + f.get("TLS.sdkappid")
                + "\n" + "TLS.time:" + f.get("TLS.time") + "\n" + "TLS.expire:" + f.get("TLS.expire") + "\n";
        if (f.containsKey("TLS.userbuf")) {
            text += "TLS.userbuf:" + f.get("TLS.userbuf") + "\n";
        }
        return text;
    }

    static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Builds a v2 ticket with the JDK: {@code TLS.sig} added unless the fields hold one. */
    static String buildV2(Map<String, Object> fields, String secret) throws Exception {
        Map<String, Object> all = new LinkedHashMap<String, Object>(fields);
        if (!all.containsKey("TLS.sig")) {
            all.put("TLS.sig", hmac(secret, v2Text(all)));
        }
        return JdkTicket.encodeJson(MiniJson.write(all));
    }

    /** Checks a v2 ticket with the JDK alone and returns its fields. */
    static Map<String, Object> verifyV2(String ticket, String secret) throws Exception {
        Map<String, Object> f = MiniJson.parseObject(JdkTicket.decodeToJson(ticket));
        assertEquals("2.0", f.get("TLS.ver"));
        assertEquals("HmacSHA256 over the v2 text", hmac(secret, v2Text(f)), f.get("TLS.sig"));
        return f;
    }

    /** Runs {@code call} and asserts it throws {@link UserSigException} with {@code code}. */
    static UserSigException expectCode(int code, String part, Call call) {
        try {
            call.run();
        } catch (UserSigException e) {
            assertEquals("code of " + e, code, e.getCode());
            assertEquals(UserSigError.fromCode(code), e.getError());
            assertNotNull(e.getMessage());
            assertTrue("message '" + e.getMessage() + "' should mention '" + part + "'",
                    e.getMessage().toLowerCase().contains(part.toLowerCase()));
            if (code != UserSigError.EXPIRED.code()) {
                assertFalse("only an expired ticket reports times", e.hasTicketTimes());
            }
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected UserSigException " + code + ", got " + e, e);
        }
        fail("expected UserSigException " + code + ", nothing was thrown");
        return null;
    }

    /** Runs {@code call} and asserts it throws exactly {@code type}, mentioning {@code part}. */
    static <T extends Throwable> T expect(Class<T> type, String part, Call call) {
        try {
            call.run();
        } catch (Throwable t) {
            if (t.getClass() != type) {
                throw new AssertionError("expected " + type.getName() + ", got " + t, t);
            }
            String message = String.valueOf(t.getMessage());
            assertTrue("message '" + message + "' should mention '" + part + "'",
                    message.toLowerCase().contains(part.toLowerCase()));
            return type.cast(t);
        }
        fail("expected " + type.getName() + ", nothing was thrown");
        return null;
    }

    /** A call that may throw. */
    interface Call {
        void run() throws Exception;
    }
}
