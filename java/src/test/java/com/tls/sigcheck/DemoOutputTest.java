package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * Checks what the Gradle {@code demo} task printed (the build runs it before the tests and keeps
 * its output in {@code build/demo/}): the legacy Demo's lines, a sig that the JDK alone verifies
 * with {@code java/demo/public.pem}, and no {@code -Xcheck:jni} complaint.
 */
public class DemoOutputTest {

    @Test
    public void demoTaskPrintedAVerifiedSigAndItsTimes() throws Exception {
        File outDir = new File(System.getProperty("tls.sigcheck.demo.output.dir", "build/demo"));
        File demoDir = new File(System.getProperty("tls.sigcheck.demo.dir", "java/demo"));
        String out = new String(Files.readAllBytes(new File(outDir, "stdout.txt").toPath()), StandardCharsets.UTF_8);
        String err = new String(Files.readAllBytes(new File(outDir, "stderr.txt").toPath()), StandardCharsets.UTF_8);

        Matcher m = Pattern.compile("\\Asig:\\n([A-Za-z0-9*_-]+)\\n--\\n"
                + "verify ok -- expire time (\\d+) -- init time (\\d+)\\n\\z").matcher(out.replace("\r\n", "\n"));
        assertTrue("demo output:\n" + out, m.matches());
        String sig = m.group(1);
        assertEquals("15552000", m.group(2));

        String pem = new String(Files.readAllBytes(new File(demoDir, "public.pem").toPath()), StandardCharsets.US_ASCII);
        Map<String, Object> fields = JdkTicket.verify(sig, JdkTicket.readPublicPem(pem));
        assertEquals("xiaojun", fields.get("TLS.identifier"));
        assertEquals("1400000267", fields.get("TLS.sdk_appid"));
        assertEquals("15552000", fields.get("TLS.expire_after"));
        assertEquals(fields.get("TLS.time"), m.group(3));
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(m.group(3));
        assertTrue("made by this build (" + age + " s ago)", age >= 0 && age < 3600);

        assertFalse(err, err.contains("WARNING in native method"));
        assertFalse(err, err.contains("FATAL"));
    }
}
