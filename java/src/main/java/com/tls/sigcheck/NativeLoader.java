package com.tls.sigcheck;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Loads the native library bundled in this jar when the application has not loaded one itself.
 *
 * <p>The library is stored as a resource under
 * {@code com/tls/sigcheck/native/<os>-<arch>/<System.mapLibraryName("jnisigcheck")>}, for
 * example {@code com/tls/sigcheck/native/linux-x86_64/libjnisigcheck.so}. It is copied into a new
 * directory that only the current user can read (created in {@link #DIR_PROPERTY}, or else in
 * {@code java.io.tmpdir}), loaded with {@link System#load(String)}, and deleted again as soon as
 * the operating system allows (right away on Linux and macOS, at exit on Windows).
 *
 * <p>Public only so that the modern API ({@code com.tls.sig}) shares this loader; applications do
 * not need to call it (every operation does), but may, to load the library eagerly at start-up.
 */
public final class NativeLoader {

    /** System property naming the directory in which the bundled library is extracted. */
    static final String DIR_PROPERTY = "tls.sigcheck.native.dir";

    /** Base name of the library, as in {@code System.mapLibraryName}. */
    static final String LIBRARY_NAME = "jnisigcheck";

    /** Interface version that the Java side expects from the native library. */
    static final int ABI_VERSION = 2;

    private static volatile boolean loaded;

    private NativeLoader() {
    }

    /**
     * Makes sure a native library is loaded for this class loader: does nothing if one already is
     * (loaded by {@code loadJniLib}, {@code System.load} or an earlier call), otherwise extracts
     * and loads the bundled one. Safe to call from many threads at once.
     *
     * @throws UnsatisfiedLinkError if no library is loaded and the bundled one cannot be loaded
     */
    public static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (NativeLoader.class) {
            if (loaded) {
                return;
            }
            if (!alreadyLinked()) {
                loadBundled();
                if (!alreadyLinked()) {
                    throw new UnsatisfiedLinkError("the bundled " + LIBRARY_NAME
                            + " library was loaded but does not export the expected natives");
                }
            }
            loaded = true;
        }
    }

    /** Returns true if a library exporting this project's natives is reachable already. */
    private static boolean alreadyLinked() {
        int version;
        try {
            version = tls_sigcheck.nAbiVersion();
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
        if (version != ABI_VERSION) {
            throw new UnsatisfiedLinkError("the loaded " + LIBRARY_NAME
                    + " library has interface version " + version + ", this jar needs "
                    + ABI_VERSION + "; load the library that came with this jar");
        }
        return true;
    }

    /** Returns the resource directory name for this platform, e.g. {@code linux-x86_64}. */
    static String platformDirectory() {
        return osName() + "-" + archName();
    }

    /** Returns the resource path of the bundled library for this platform. */
    static String resourcePath() {
        return "native/" + platformDirectory() + "/" + System.mapLibraryName(LIBRARY_NAME);
    }

    private static String osName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "linux";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "macos";
        }
        if (os.startsWith("windows")) {
            return "windows";
        }
        return os.replaceAll("[^a-z0-9]+", "");
    }

    private static String archName() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x64")) {
            return "x86_64";
        }
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return "aarch64";
        }
        if (arch.equals("x86") || arch.equals("i386") || arch.equals("i486")
                || arch.equals("i586") || arch.equals("i686")) {
            return "x86";
        }
        return arch.replaceAll("[^a-z0-9]+", "");
    }

    private static void loadBundled() {
        String resource = resourcePath();
        InputStream in = NativeLoader.class.getResourceAsStream(resource);
        if (in == null) {
            throw new UnsatisfiedLinkError("no native " + LIBRARY_NAME + " library is loaded and"
                    + " this jar has none for " + platformDirectory() + " (looked for resource "
                    + "com/tls/sigcheck/" + resource + "); call loadJniLib(path) with the path of "
                    + "jnisigcheck.so");
        }
        Path dir = null;
        Path file = null;
        try {
            try {
                dir = createPrivateDirectory();
                file = dir.resolve(System.mapLibraryName(LIBRARY_NAME));
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                in.close();
            }
        } catch (IOException e) {
            deleteQuietly(file, dir);
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("cannot extract the bundled "
                    + LIBRARY_NAME + " library into " + (dir != null ? dir : extractionBase())
                    + ": " + e + "; set -D" + DIR_PROPERTY + "=<a writable directory> or call "
                    + "loadJniLib(path)");
            error.initCause(e);
            throw error;
        }
        try {
            System.load(file.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("cannot load the bundled "
                    + LIBRARY_NAME + " library extracted to " + file + " (" + e.getMessage()
                    + "). If " + dir.getParent() + " is on a file system mounted noexec (as /tmp"
                    + " often is), set -D" + DIR_PROPERTY + "=<a directory that allows "
                    + "executables>, or call loadJniLib(path) with an installed jnisigcheck.so");
            error.initCause(e);
            deleteQuietly(file, dir);
            throw error;
        }
        // The mapping stays valid after the file is unlinked on POSIX systems; Windows keeps the
        // file locked until the process ends.
        if (isWindows()) {
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
        } else {
            deleteQuietly(file, dir);
        }
    }

    private static Path extractionBase() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null && !override.trim().isEmpty()) {
            return Paths.get(override.trim());
        }
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    private static Path createPrivateDirectory() throws IOException {
        Path base = extractionBase();
        Files.createDirectories(base);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------"));
            return Files.createTempDirectory(base, "tls-sigcheck-", ownerOnly);
        }
        return Files.createTempDirectory(base, "tls-sigcheck-");
    }

    private static boolean isWindows() {
        return File.separatorChar == '\\';
    }

    private static void deleteQuietly(Path file, Path dir) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException ignored) {
            // Leaving a file in a private temporary directory is harmless.
        }
    }
}
