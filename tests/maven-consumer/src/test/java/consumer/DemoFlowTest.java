package consumer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.junit.Test;

import com.tls.sig.HmacUserSigSigner;
import com.tls.sig.HmacUserSigVerifier;
import com.tls.sig.UserSigError;
import com.tls.sig.UserSigException;
import com.tls.sig.UserSigSigner;
import com.tls.sig.UserSigVerifier;
import com.tls.sig.VerifiedUserSig;
import com.tls.sigcheck.tls_sigcheck;

/**
 * The Demo flow (java/demo/Demo.java: 1400000267 / xiaojun, the demo key pair) from a project
 * that only declares the Maven dependency.
 */
public class DemoFlowTest {

    static final long APP = 1400000267L;

    static String read(String name) throws Exception {
        return new String(Files.readAllBytes(Paths.get(System.getProperty("demo.dir"), name)),
                StandardCharsets.UTF_8);
    }

    @Test
    public void theArtifactComesFromTheLocalRepositoryAndNoLibraryPathIsSet() throws Exception {
        String expected = new File(System.getProperty("local.repo"), "io/github/tlssig/tls-sig/"
                + System.getProperty("tls-sig.version") + "/tls-sig-" + System.getProperty("tls-sig.version")
                + ".jar").getCanonicalPath();
        for (Class<?> c : new Class<?>[] {UserSigSigner.class, tls_sigcheck.class}) {
            String actual = new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getCanonicalPath();
            assertEquals(c.getName() + " loaded from", expected, actual);
        }
        assertNull("no extraction directory set", System.getProperty("tls.sigcheck.native.dir"));
        String libraryPath = System.getProperty("java.library.path", "");
        assertFalse(libraryPath, libraryPath.contains("build/native") || libraryPath.contains("target/release"));
    }

    @Test
    public void legacyClassDemoFlow() throws Exception {
        tls_sigcheck demo = new tls_sigcheck();
        int ret = demo.tls_gen_signature_ex2("1400000267", "xiaojun", read("ec_key.pem"));
        assertEquals(demo.getErrMsg(), 0, ret);
        String sig = demo.getSig();
        assertTrue(sig.length() > 100);
        System.out.println("sig:\n" + sig);

        ret = demo.tls_check_signature_ex2(sig, read("public.pem"), "1400000267", "xiaojun");
        assertEquals(demo.getErrMsg(), 0, ret);
        assertEquals(15552000, demo.getExpireTime());
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(now - demo.getInitTime()) < 60);
        System.out.println("verify ok -- expire time " + demo.getExpireTime() + " -- init time " + demo.getInitTime());

        assertEquals(13, demo.tls_check_signature_ex2(sig, read("public.pem"), "1400000267", "xiaoming"));
    }

    @Test
    public void modernApiDemoFlow() throws Exception {
        try (UserSigSigner signer = UserSigSigner.fromPem(read("ec_key.pem"));
                UserSigVerifier verifier = UserSigVerifier.fromPem(read("public.pem"))) {
            String userSig = signer.gen(APP, "xiaojun");
            VerifiedUserSig ok = verifier.verify(userSig, APP, "xiaojun");
            assertEquals(15552000L, ok.getExpireTime());
            assertEquals(ok.getInitTime() + 15552000L, ok.getExpiresAt());
            System.out.println("modern verify ok -- expire time " + ok.getExpireTime() + " -- init time " + ok.getInitTime());
            try {
                verifier.verify(userSig, APP, "xiaoming");
                fail("accepted for another user");
            } catch (UserSigException e) {
                assertEquals(UserSigError.IDENTIFIER_MISMATCH, e.getError());
            }
            byte[] userbuf = "hello".getBytes(StandardCharsets.UTF_8);
            assertEquals("hello", new String(verifier.verifyWithUserbuf(signer.gen(APP, "xiaojun", 60, userbuf), APP,
                    "xiaojun").getUserbuf(), StandardCharsets.UTF_8));
        }
        try (HmacUserSigSigner v2 = HmacUserSigSigner.fromSecret("demo secret");
                HmacUserSigVerifier check = HmacUserSigVerifier.fromSecret("demo secret")) {
            assertEquals(86400L, check.verify(v2.gen(APP, "xiaojun", 86400), APP, "xiaojun").getExpireTime());
        }
    }
}
