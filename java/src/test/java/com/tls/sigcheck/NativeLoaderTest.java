package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * The bundled library and {@code loadJniLib}, each in a fresh JVM (so that the first use really
 * is the first), run with {@code -Xcheck:jni}.
 */
public class NativeLoaderTest {

    /** Output of a finished child JVM. */
    static final class Result {
        final int exit;
        final String out;
        final String err;

        Result(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static String java() {
        String java = System.getProperty("tls.sigcheck.java");
        return java != null ? java : new File(System.getProperty("java.home"), "bin/java").getPath();
    }

    /** {@code --enable-native-access=ALL-UNNAMED} on JDK 17+ (JDK 24+ warns without it). */
    static List<String> nativeAccess() {
        String spec = System.getProperty("java.specification.version");
        int major = spec.startsWith("1.") ? Integer.parseInt(spec.substring(2)) : Integer.parseInt(spec);
        return major >= 17 ? Arrays.asList("--enable-native-access=ALL-UNNAMED") : new ArrayList<String>();
    }

    static File nativeBuildDir() {
        return new File(System.getProperty("tls.sigcheck.native.build.dir", "build/native"));
    }

    /** Runs {@link LoaderProbe} in a new JVM with the test class path. */
    static Result probe(List<String> jvmArgs, String... args) throws Exception {
        List<String> command = new ArrayList<String>();
        command.add(java());
        command.add("-Xcheck:jni");
        command.addAll(nativeAccess());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LoaderProbe.class.getName());
        command.addAll(Arrays.asList(args));
        return run(command, null);
    }

    static Result run(List<String> command, File dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir);
        }
        final Process p = pb.start();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(new Runnable() {
            @Override
            public void run() {
                copy(p.getErrorStream(), err);
            }
        });
        drain.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(p.getInputStream(), out);
        assertTrue("child JVM finished", p.waitFor(5, TimeUnit.MINUTES));
        drain.join();
        return new Result(p.exitValue(), new String(out.toByteArray(), StandardCharsets.UTF_8),
                new String(err.toByteArray(), StandardCharsets.UTF_8));
    }

    static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static void assertNoJniWarnings(Result r) {
        assertFalse(r.toString(), r.err.contains("WARNING in native method"));
        assertFalse(r.toString(), r.err.contains("FATAL ERROR"));
        assertFalse(r.toString(), r.out.contains("WARNING in native method"));
    }

    @Test
    public void bundledLibraryLoadsOnceUnderConcurrentFirstUseAndLeavesNothingBehind() throws Exception {
        File dir = Files.createTempDirectory("tls-sigcheck-test-").toFile();
        try {
            Result r = probe(Arrays.asList("-Dtls.sigcheck.native.dir=" + dir), "32");
            assertEquals(r.toString(), 0, r.exit);
            assertTrue(r.toString(), r.out.contains("ok 32\n"));
            assertFalse(r.toString(), r.out.contains("error:"));
            assertNoJniWarnings(r);
            // exactly one copy mapped, extracted under the configured directory, already unlinked
            List<String> mapped = mapped(r);
            assertEquals(r.toString(), 1, mapped.size());
            assertTrue(r.toString(), mapped.get(0).startsWith(dir.getPath() + "/tls-sigcheck-"));
            assertTrue(r.toString(), mapped.get(0).endsWith("(deleted)"));
            assertEquals("nothing left in " + dir, 0, dir.list().length);
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    public void loadJniLibUsesTheGivenFileAndNothingIsExtracted() throws Exception {
        File lib = new File(nativeBuildDir(), System.mapLibraryName("jnisigcheck"));
        assertTrue(lib + " built", lib.isFile());
        Result r = probe(Arrays.asList("-Dtls.sigcheck.native.dir=/nonexistent/never/used"), "4",
                lib.getAbsolutePath());
        assertEquals(r.toString(), 0, r.exit);
        assertTrue(r.toString(), r.out.contains("ok 4\n"));
        assertNoJniWarnings(r);
        assertEquals(r.toString(), Arrays.asList(lib.getCanonicalPath()), mapped(r));
    }

    @Test
    public void legacyFileNameLoadsToo() throws Exception {
        File lib = new File(nativeBuildDir(), "jnisigcheck.so");
        assumeTrue("Linux naming", System.mapLibraryName("x").endsWith(".so"));
        Result r = probe(new ArrayList<String>(), "2", lib.getAbsolutePath());
        assertEquals(r.toString(), 0, r.exit);
        assertTrue(r.toString(), r.out.contains("ok 2\n"));
        assertEquals(r.toString(), Arrays.asList(lib.getCanonicalPath()), mapped(r));
    }

    @Test
    public void unusableExtractionDirectoryGivesAClearMessage() throws Exception {
        Result r = probe(Arrays.asList("-Dtls.sigcheck.native.dir=/dev/null/not-a-dir"), "3");
        assertTrue(r.toString(), r.out.contains("error: java.lang.UnsatisfiedLinkError"));
        assertTrue(r.toString(), r.out.contains("tls.sigcheck.native.dir"));
        assertTrue(r.toString(), r.out.contains("loadJniLib"));
        assertTrue(r.toString(), r.out.contains("ok 0\n"));
    }

    @Test
    public void noexecDirectoryGivesAClearMessage() throws Exception {
        File dir = Files.createTempDirectory("tls-sigcheck-noexec-").toFile();
        boolean mounted = false;
        try {
            Result m = run(Arrays.asList("mount", "-t", "tmpfs", "-o", "noexec,size=16m", "tmpfs", dir.getPath()), null);
            mounted = m.exit == 0;
            assumeTrue("needs permission to mount a noexec tmpfs: " + m, mounted);
            Result r = probe(Arrays.asList("-Dtls.sigcheck.native.dir=" + dir), "3");
            assertTrue(r.toString(), r.out.contains("error: java.lang.UnsatisfiedLinkError"));
            assertTrue(r.toString(), r.out.contains("noexec"));
            assertTrue(r.toString(), r.out.contains("tls.sigcheck.native.dir"));
            assertEquals("the failed copy is removed", 0, dir.list().length);
        } finally {
            if (mounted) {
                run(Arrays.asList("umount", dir.getPath()), null);
            }
            deleteTree(dir);
        }
    }

    static List<String> mapped(Result r) {
        List<String> paths = new ArrayList<String>();
        for (String line : r.out.split("\n")) {
            if (line.startsWith("mapped ")) {
                paths.add(line.substring("mapped ".length()).trim());
            }
        }
        return paths;
    }

    static void deleteTree(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteTree(c);
            }
        }
        f.delete();
    }
}
