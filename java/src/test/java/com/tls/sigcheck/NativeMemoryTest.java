package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;

/**
 * No native memory grows with the calls: 100,000 calls, each passing a 48 KiB (UTF-8) string,
 * in a JVM whose heap is fixed and pre-touched. The legacy library leaked every string it read,
 * which here would be several GiB.
 */
public class NativeMemoryTest {

    @Test(timeout = 600_000)
    public void stringArgumentsAreNotLeaked() throws Exception {
        List<String> jvm = new ArrayList<String>(Arrays.asList("-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch"));
        List<String> command = new ArrayList<String>();
        command.add(NativeLoaderTest.java());
        command.addAll(NativeLoaderTest.nativeAccess());
        command.addAll(jvm);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LeakProbe.class.getName());
        command.add("100000");
        NativeLoaderTest.Result r = NativeLoaderTest.run(command, null);
        assertEquals(r.toString(), 0, r.exit);
        long before = value(r, "rss-before ");
        long after = value(r, "rss-after ");
        // 100,000 calls x 2 strings x 48 KiB would be ~9 GiB if leaked; allow JIT/GC noise
        assertTrue("RSS grew from " + before + " KiB to " + after + " KiB", after - before < 64 * 1024);
    }

    private static long value(NativeLoaderTest.Result r, String prefix) {
        for (String line : r.out.split("\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()).trim());
            }
        }
        throw new AssertionError("no " + prefix + "in " + r);
    }
}
