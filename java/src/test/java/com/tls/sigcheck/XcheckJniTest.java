package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;

/**
 * {@code -Xcheck:jni} reports problems as warnings on the process's own stdout/stderr, which the
 * test runner does not turn into failures. So the suites that call every native on every path
 * (success, each error code, nulls and garbage, userbuf) are run again in a fresh JVM with
 * {@code -Xcheck:jni}, and any JNI warning there fails this test.
 */
public class XcheckJniTest {

    @Test(timeout = 600_000)
    public void everyNativeRunsCleanUnderXcheckJni() throws Exception {
        List<String> command = new ArrayList<String>();
        command.add(NativeLoaderTest.java());
        command.add("-Xcheck:jni");
        command.addAll(NativeLoaderTest.nativeAccess());
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Dtls.sigcheck.native.build.dir=" + NativeLoaderTest.nativeBuildDir().getAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.junit.runner.JUnitCore");
        command.addAll(Arrays.asList(TlsSigcheckTest.class.getName(), ArgumentsTest.class.getName(),
                UserbufTest.class.getName(), LegacyClassTest.class.getName(),
                // the modern API's natives (com.tls.sig), every path but the threaded ones
                "com.tls.sig.UserSigSignerVerifierTest", "com.tls.sig.HmacUserSigTest",
                "com.tls.sig.ArgumentsTest"));
        NativeLoaderTest.Result r = NativeLoaderTest.run(command, null);
        assertEquals(r.toString(), 0, r.exit);
        assertTrue(r.toString(), r.out.contains("OK ("));
        NativeLoaderTest.assertNoJniWarnings(r);
        assertTrue(r.toString(), !r.out.contains("WARNING: JNI") && !r.err.contains("WARNING: JNI"));
    }
}
