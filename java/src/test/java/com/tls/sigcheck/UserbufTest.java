package com.tls.sigcheck;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Base64;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.Test;

/** Userbuf tickets through JNI (the C++ library's userbuf calls), including code 15. */
public class UserbufTest {

    static final String APP = TlsSigcheckTest.APP;

    @BeforeClass
    public static void keys() throws Exception {
        TlsSigcheckTest.makeKeys();
    }

    @Test
    public void userbufRoundTripsAndTheJdkVerifiesIt() throws Exception {
        byte[] userbuf = {0, 1, 2, (byte) 0xFF, (byte) 0x80, 'a', 'b', 0};
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(s.getErrMsg(), 0, s.tls_gen_userbuf_ticket(APP, "xiaojun", TlsSigcheckTest.priPem, "3600", userbuf));
        Map<String, Object> f = JdkTicket.verify(s.getSig(), TlsSigcheckTest.keys.getPublic());
        assertEquals(Base64.getEncoder().encodeToString(userbuf), f.get("TLS.userbuf"));

        tls_sigcheck c = new tls_sigcheck();
        assertEquals(c.getErrMsg(), 0, c.tls_check_userbuf_ticket(s.getSig(), TlsSigcheckTest.pubPem, APP, "xiaojun"));
        assertArrayEquals(userbuf, c.getUserBuf());
        assertEquals(3600, c.getExpireTime());
        assertEquals("", c.getErrMsg());

        // cross-use as the legacy library: a userbuf ticket in the plain check is 8,
        // a plain ticket in the userbuf check is 4 (and the userbuf is cleared)
        assertEquals(8, c.tls_check_signature_ex2(s.getSig(), TlsSigcheckTest.pubPem, APP, "xiaojun"));
        tls_sigcheck plain = new tls_sigcheck();
        assertEquals(0, plain.tls_gen_signature_ex2(APP, "xiaojun", TlsSigcheckTest.priPem));
        assertEquals(4, c.tls_check_userbuf_ticket(plain.getSig(), TlsSigcheckTest.pubPem, APP, "xiaojun"));
        assertNull(c.getUserBuf());
    }

    @Test
    public void code15MalformedUserbuf() throws Exception {
        Map<String, Object> f = JdkTicket.fields(TlsSigcheckTest.APP_ID, "xiaojun", System.currentTimeMillis() / 1000, 3600);
        f.put("TLS.userbuf", "%%% not base64 %%%");
        String ticket = JdkTicket.build(f, TlsSigcheckTest.keys.getPrivate());
        tls_sigcheck c = new tls_sigcheck();
        int ret = c.tls_check_userbuf_ticket(ticket, TlsSigcheckTest.pubPem, APP, "xiaojun");
        assertEquals(c.getErrMsg(), 15, ret);
        assertTrue(c.getErrMsg().toLowerCase().contains("userbuf"));
        assertNull(c.getUserBuf());
    }

    @Test
    public void nullUserbufIsANamedError() {
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(16, s.tls_gen_userbuf_ticket(APP, "xiaojun", TlsSigcheckTest.priPem, "3600", null));
        assertTrue(s.getErrMsg(), s.getErrMsg().contains("userbuf"));
        assertEquals("", s.getSig());
        // an empty userbuf is fine
        assertEquals(s.getErrMsg(), 0, s.tls_gen_userbuf_ticket(APP, "xiaojun", TlsSigcheckTest.priPem, "3600", new byte[0]));
    }
}
