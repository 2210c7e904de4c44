package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.Arrays;

import org.junit.BeforeClass;
import org.junit.Test;

import com.tls.tls_sigature.tls_sigature;

/**
 * Interop through JNI with the Maven Central Java peer {@code com.github.tencentyun:tls-sig-api}
 * (BouncyCastle, {@code CheckTLSSignatureEx} / {@code GenTLSSignatureEx}) in both directions, and
 * with this project's own CLI for an emoji identifier.
 */
@SuppressWarnings("deprecation")
public class PeerInteropTest {

    static final long APP = 1400000267L;
    static KeyPair keys;
    static String pri;
    static String pub;

    @BeforeClass
    public static void makeKeys() throws Exception {
        keys = JdkTicket.newP256();
        pri = JdkTicket.privatePem(keys.getPrivate());
        pub = JdkTicket.publicPem(keys.getPublic());
    }

    @Test
    public void ourTicketVerifiesWithTheMavenPeer() throws Exception {
        tls_sigcheck s = new tls_sigcheck();
        assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2_with_expire(Long.toString(APP), "xiaojun", pri, "86400"));
        tls_sigature.CheckTLSSignatureResult r = tls_sigature.CheckTLSSignatureEx(s.getSig(), APP, "xiaojun", pub);
        assertTrue("peer says: " + r.errMessage, r.verifyResult);
        assertEquals(86400, r.expireTime);
        assertEquals(JdkTicket.verify(s.getSig(), keys.getPublic()).get("TLS.time"), Integer.toString(r.initTime));
        // and the peer refuses it for another user
        assertTrue(!tls_sigature.CheckTLSSignatureEx(s.getSig(), APP, "xiaoming", pub).verifyResult);
    }

    @Test
    public void mavenPeerTicketsVerifyThroughJni() throws Exception {
        for (String id : new String[] {"xiaojun", "user@example.com", "12345"}) {
            tls_sigature.GenTLSSignatureResult g = tls_sigature.GenTLSSignatureEx(APP, id, pri);
            assertTrue("peer gen: " + g.errMessage, g.urlSig != null && !g.urlSig.isEmpty());
            tls_sigcheck c = new tls_sigcheck();
            assertEquals(c.getErrMsg(), 0, c.tls_check_signature_ex2(g.urlSig, pub, Long.toString(APP), id));
            assertEquals(180 * 24 * 3600, c.getExpireTime());
            assertEquals(14, c.tls_check_signature_ex2(g.urlSig, pub, "1400000268", id));
            assertEquals(8, c.tls_check_signature_ex2(g.urlSig,
                    JdkTicket.publicPem(JdkTicket.newP256().getPublic()), Long.toString(APP), id));
        }
        tls_sigature.GenTLSSignatureResult g = tls_sigature.GenTLSSignatureEx(APP, "short", pri, 120);
        tls_sigcheck c = new tls_sigcheck();
        assertEquals(c.getErrMsg(), 0, c.tls_check_signature_ex(g.urlSig, pub, "0", "0", Long.toString(APP), "short"));
        assertEquals(120, c.getExpireTime());
    }

    @Test
    public void emojiTicketAgreesWithTheCli() throws Exception {
        File cli = new File(System.getProperty("tls.sigcheck.cli", "target/release/tls_licence_tools"));
        assertTrue(cli + " is built by the cargoBuild task", cli.canExecute());
        assertEquals("the test JVM passes arguments as UTF-8 (LC_ALL=C.UTF-8)", "UTF-8",
                System.getProperty("sun.jnu.encoding"));
        String id = "\uD83D\uDE00\u5c0f\u519b";
        File dir = Files.createTempDirectory("cli-interop-").toFile();
        try {
            File pubFile = new File(dir, "public.pem");
            File priFile = new File(dir, "ec_key.pem");
            File sigFile = new File(dir, "sig");
            Files.write(pubFile.toPath(), pub.getBytes(StandardCharsets.US_ASCII));
            Files.write(priFile.toPath(), pri.getBytes(StandardCharsets.US_ASCII));

            // JNI -> CLI
            tls_sigcheck s = new tls_sigcheck();
            assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2(Long.toString(APP), id, pri));
            Files.write(sigFile.toPath(), s.getSig().getBytes(StandardCharsets.US_ASCII));
            NativeLoaderTest.Result r = NativeLoaderTest.run(Arrays.asList(cli.getPath(), "verify",
                    pubFile.getPath(), sigFile.getPath(), Long.toString(APP), id), null);
            assertEquals(r.toString(), 0, r.exit);
            assertTrue(r.toString(), r.out.contains("verify sig ok"));

            // CLI -> JNI
            assertTrue(sigFile.delete());
            r = NativeLoaderTest.run(Arrays.asList(cli.getPath(), "gen", priFile.getPath(), sigFile.getPath(),
                    Long.toString(APP), id), null);
            assertEquals(r.toString(), 0, r.exit);
            String cliSig = new String(Files.readAllBytes(sigFile.toPath()), StandardCharsets.US_ASCII).trim();
            tls_sigcheck c = new tls_sigcheck();
            assertEquals(c.getErrMsg(), 0, c.tls_check_signature_ex2(cliSig, pub, Long.toString(APP), id));
            // both sign the same bytes for the identifier: the JSON fields are identical
            assertEquals(JdkTicket.verify(cliSig, keys.getPublic()).get("TLS.identifier"),
                    JdkTicket.verify(s.getSig(), keys.getPublic()).get("TLS.identifier"));
        } finally {
            NativeLoaderTest.deleteTree(dir);
        }
    }
}
