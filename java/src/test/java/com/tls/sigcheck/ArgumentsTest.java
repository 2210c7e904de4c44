package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Null and garbage in every position of every native: never a crash, always a non-zero code and
 * an error message; for a null, the message names the argument.
 */
@SuppressWarnings("deprecation")
public class ArgumentsTest {

    static final String APP = TlsSigcheckTest.APP;
    static String pri;
    static String pub;
    static String ticket;
    static String userbufTicket;

    /** A string holding a lone (unpaired) UTF-16 surrogate: not convertible to UTF-8. */
    static final String LONE_SURROGATE = "ab\uD800cd";

    /** One native, called with a full argument list. */
    interface Native {
        int call(tls_sigcheck s, String[] args);
    }

    static final class Case {
        final String name;
        final String[] parameters;
        final String[] valid;
        final Native call;
        final boolean generates;

        Case(String name, String[] parameters, String[] valid, Native call, boolean generates) {
            this.name = name;
            this.parameters = parameters;
            this.valid = valid;
            this.call = call;
            this.generates = generates;
        }
    }

    @BeforeClass
    public static void setUp() throws Exception {
        TlsSigcheckTest.makeKeys();
        pri = TlsSigcheckTest.priPem;
        pub = TlsSigcheckTest.pubPem;
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(0, s.tls_gen_signature_ex2(APP, "xiaojun", pri));
        ticket = s.getSig();
        assertEquals(0, s.tls_gen_userbuf_ticket(APP, "xiaojun", pri, "3600", new byte[] {1, 2, 3}));
        userbufTicket = s.getSig();
    }

    static List<Case> cases() {
        String json = "{\"TLS.account_type\":\"0\",\"TLS.identifier\":\"xiaojun\",\"TLS.appid_at_3rd\":\"0\","
                + "\"TLS.sdk_appid\":\"1400000267\",\"TLS.expire_after\":\"3600\",\"TLS.time\":\"2030-01-01T00:00:00-08:00\"}";
        List<Case> cases = new ArrayList<Case>();
        cases.add(new Case("tls_gen_signature_ex",
                new String[] {"expire", "appid3rd", "sdkAppid", "identifier", "accountType", "priKey"},
                new String[] {"3600", "0", APP, "xiaojun", "0", pri},
                (s, a) -> s.tls_gen_signature_ex(a[0], a[1], a[2], a[3], a[4], a[5]), true));
        cases.add(new Case("tls_gen_signature_ex2",
                new String[] {"sdkAppid", "identifier", "priKey"},
                new String[] {APP, "xiaojun", pri},
                (s, a) -> s.tls_gen_signature_ex2(a[0], a[1], a[2]), true));
        cases.add(new Case("tls_gen_signature_ex2_with_expire",
                new String[] {"sdkAppid", "identifier", "priKey", "expire"},
                new String[] {APP, "xiaojun", pri, "3600"},
                (s, a) -> s.tls_gen_signature_ex2_with_expire(a[0], a[1], a[2], a[3]), true));
        cases.add(new Case("tls_check_signature_ex",
                new String[] {"sig", "pubKey", "accountType", "appid3rd", "sdkAppid", "identifier"},
                new String[] {ticket, pub, "0", "0", APP, "xiaojun"},
                (s, a) -> s.tls_check_signature_ex(a[0], a[1], a[2], a[3], a[4], a[5]), false));
        cases.add(new Case("tls_check_signature_ex2",
                new String[] {"sig", "pubKey", "sdkAppid", "identifier"},
                new String[] {ticket, pub, APP, "xiaojun"},
                (s, a) -> s.tls_check_signature_ex2(a[0], a[1], a[2], a[3]), false));
        cases.add(new Case("tls_check_userbuf_ticket",
                new String[] {"sig", "pubKey", "sdkAppid", "identifier"},
                new String[] {userbufTicket, pub, APP, "xiaojun"},
                (s, a) -> s.tls_check_userbuf_ticket(a[0], a[1], a[2], a[3]), false));
        cases.add(new Case("tls_gen_userbuf_ticket",
                new String[] {"sdkAppid", "identifier", "priKey", "expire"},
                new String[] {APP, "xiaojun", pri, "3600"},
                (s, a) -> s.tls_gen_userbuf_ticket(a[0], a[1], a[2], a[3], new byte[] {1, 2}), true));
        cases.add(new Case("tls_gen_signature",
                new String[] {"json", "priKey"},
                new String[] {json, pri},
                (s, a) -> s.tls_gen_signature(a[0], a[1]), true));
        return cases;
    }

    /** Garbage for a parameter: each value must be refused. */
    static List<String> garbageFor(String parameter) {
        List<String> g = new ArrayList<String>(Arrays.asList(LONE_SURROGATE));
        if (parameter.equals("sdkAppid")) {
            g.addAll(Arrays.asList("", "abc", "0", "-1", "14000002x67", "4294967296",
                    "99999999999999999999999", "1.5", "\uFF11\uFF14\uFF10\uFF10", "0x10"));
        } else if (parameter.equals("expire")) {
            g.addAll(Arrays.asList("", "abc", "-1", "4294967296", "1e3", "99999999999999999999999"));
        } else if (parameter.equals("priKey")) {
            g.addAll(Arrays.asList("", "garbage", pub, "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n",
                    "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"));
        } else if (parameter.equals("pubKey")) {
            g.addAll(Arrays.asList("", "garbage", pri, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
        } else if (parameter.equals("sig")) {
            g.addAll(Arrays.asList("", "garbage", "\u0000", ticket.substring(0, ticket.length() / 2),
                    ticket.substring(0, 20) + "!!" + ticket.substring(22), "eJw_"));
        } else if (parameter.equals("json")) {
            g.addAll(Arrays.asList("", "garbage", "[]", "{}", "{\"TLS.identifier\":1"));
        }
        return g;
    }

    @Test
    public void validArgumentsSucceed() {
        for (Case c : cases()) {
            tls_sigcheck s = new tls_sigcheck();
            assertEquals(c.name + ": " + s.getErrMsg(), 0, c.call.call(s, c.valid.clone()));
            assertEquals(c.name, "", s.getErrMsg());
        }
    }

    @Test
    public void nullInEveryPositionIsANamedError() {
        int checked = 0;
        for (Case c : cases()) {
            for (int i = 0; i < c.parameters.length; i++) {
                String[] args = c.valid.clone();
                args[i] = null;
                tls_sigcheck s = new tls_sigcheck();
                int ret = c.call.call(s, args);
                String where = c.name + "(" + c.parameters[i] + " = null)";
                assertNotEquals(where, 0, ret);
                assertNotNull(where + ": errMsg", s.getErrMsg());
                assertTrue(where + ": errMsg '" + s.getErrMsg() + "' names the argument",
                        s.getErrMsg().contains(c.parameters[i]));
                assertTrue(where + ": errMsg says null", s.getErrMsg().contains("null"));
                if (c.generates) {
                    assertEquals(where + ": no ticket", "", s.getSig());
                } else {
                    assertEquals(where, 0, s.getExpireTime());
                    assertEquals(where, 0, s.getInitTime());
                }
                checked++;
            }
        }
        assertEquals(6 + 3 + 4 + 6 + 4 + 4 + 4 + 2, checked);
    }

    @Test
    public void garbageInEveryPositionIsAnError() {
        for (Case c : cases()) {
            for (int i = 0; i < c.parameters.length; i++) {
                for (String garbage : garbageFor(c.parameters[i])) {
                    String[] args = c.valid.clone();
                    args[i] = garbage;
                    tls_sigcheck s = new tls_sigcheck();
                    int ret = c.call.call(s, args);
                    String where = c.name + "(" + c.parameters[i] + " = " + printable(garbage) + ")";
                    assertNotEquals(where, 0, ret);
                    assertNotNull(where, s.getErrMsg());
                    assertTrue(where + ": errMsg is set", s.getErrMsg().length() > 0);
                    if (c.generates) {
                        assertEquals(where + ": no ticket", "", s.getSig());
                    }
                    if (garbage == LONE_SURROGATE) {
                        assertEquals(where, 16, ret);
                        assertTrue(where + ": " + s.getErrMsg(), s.getErrMsg().contains(c.parameters[i]));
                        assertTrue(where + ": " + s.getErrMsg(), s.getErrMsg().contains("surrogate"));
                    }
                    if (c.parameters[i].equals("sdkAppid") || c.parameters[i].equals("expire")) {
                        assertEquals(where, 16, ret);
                        assertTrue(where + ": " + s.getErrMsg(), s.getErrMsg().contains(c.parameters[i]));
                    }
                    if (c.parameters[i].equals("priKey") && garbage != LONE_SURROGATE) {
                        assertEquals(where, 17, ret);
                    }
                }
            }
        }
    }

    @Test
    public void identifierGarbageIsRefusedOnlyWhenNotUnicode() {
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(16, s.tls_gen_signature_ex2(APP, "\uDC00", pri));
        assertTrue(s.getErrMsg(), s.getErrMsg().contains("identifier"));
        assertEquals(16, s.tls_gen_signature_ex2(APP, "x\uD83D", pri));
        // a well-formed pair is fine
        assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2(APP, "x\uD83D\uDE00", pri));
        // and control characters / NUL are just characters (JSON-escaped in the ticket)
        assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2(APP, "a\u0000b\n", pri));
        assertEquals(s.getErrMsg(), 0, s.tls_check_signature_ex2(s.getSig(), pub, APP, "a\u0000b\n"));
    }

    @Test
    public void noTicketIsEverMadeForSdkappidZero() {
        for (String zero : new String[] {"0", "00", " 0 ", "+0", "-0", ""}) {
            tls_sigcheck s = new tls_sigcheck();
            assertNotEquals(zero, 0, s.tls_gen_signature_ex2(zero, "xiaojun", pri));
            assertEquals("", s.getSig());
        }
    }

    private static String printable(String s) {
        if (s.length() > 40) {
            s = s.substring(0, 40) + "...";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
