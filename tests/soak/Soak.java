import com.tls.sigcheck.tls_sigcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak and stress of the native library through the real JNI class (run by tests/soak/run.sh).
 *
 * <pre>
 * java Soak soak   LIB KEYS_DIR CALLS SAMPLE_EVERY MAX_GROWTH_KIB WARMUP
 * java Soak stress LIB KEYS_DIR THREADS_CSV CALLS_PER_THREAD
 * </pre>
 *
 * soak: a warm-up of WARMUP generations and verifications, then CALLS generations and CALLS
 * verifications, in one JVM; VmRSS sampled every SAMPLE_EVERY calls; the growth from the baseline
 * (after the warm-up) to the largest later sample must stay under MAX_GROWTH_KIB. One call in ten is a failing one (null, lone surrogate, wrong key, bad
 * number, wrong identifier), so the error paths are soaked too.
 *
 * stress: for each thread count, that many threads each generate and verify CALLS_PER_THREAD
 * tickets with their own instance (every ticket verified), plus NUL / lone-surrogate / null
 * arguments; then the same threads hammer one shared instance (return codes only: the fields of
 * a shared instance are racy by design).
 *
 * Any failure prints "SOAK FAIL: ..." and exits 1; the last line on success is "SOAK OK".
 */
public final class Soak {
    static final String APPID = "1400000267";
    static String p256Private, p256Public, k256Private, k256Public;
    /** Body lines of the private keys: none may appear in a message. */
    static final List<String> secretLines = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        new tls_sigcheck().loadJniLib(Paths.get(args[1]).toAbsolutePath().toString());
        Path keys = Paths.get(args[2]);
        p256Private = read(keys.resolve("p256_private_key.pem"));
        p256Public = read(keys.resolve("p256_public_key.pem"));
        k256Private = read(keys.resolve("k256_private_key.pem"));
        k256Public = read(keys.resolve("k256_public_key.pem"));
        for (String pem : new String[] {p256Private, k256Private}) {
            for (String line : pem.split("\r?\n")) {
                if (!line.startsWith("-----") && line.length() >= 16) {
                    secretLines.add(line);
                }
            }
        }
        switch (mode) {
            case "soak":
                soak(Long.parseLong(args[3]), Long.parseLong(args[4]), Long.parseLong(args[5]), Long.parseLong(args[6]));
                break;
            case "stress":
                for (String t : args[3].split(",")) {
                    stress(Integer.parseInt(t), Integer.parseInt(args[4]));
                }
                break;
            default:
                fail("unknown mode " + mode);
        }
        System.out.println("SOAK OK");
    }

    static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    static void fail(String message) {
        System.out.println("SOAK FAIL: " + message);
        System.out.flush();
        System.exit(1);
    }

    static void expect(int got, int want, String what, tls_sigcheck t) {
        if (got != want) {
            fail(what + ": got " + got + " (" + t.getErrMsg() + "), want " + want);
        }
        if (t.getErrMsg() == null) {
            fail(what + ": getErrMsg() is null");
        }
        if ((want == 0) != t.getErrMsg().isEmpty()) {
            fail(what + ": message '" + t.getErrMsg() + "' for code " + got);
        }
        for (String secret : secretLines) {
            if (t.getErrMsg().contains(secret)) {
                fail(what + ": private key text in the message: " + t.getErrMsg());
            }
        }
    }

    static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS");
    }

    // ---- soak ---------------------------------------------------------------------------------

    /** A failing generation, chosen by i; returns nothing, asserts the code. */
    static void badGen(tls_sigcheck t, long i) {
        switch ((int) ((i / 10) % 6)) {
            case 0: expect(t.tls_gen_signature_ex2(APPID, "u", null), 17, "gen null priKey", t); break;
            case 1: expect(t.tls_gen_signature_ex2(APPID, "u", p256Public), 17, "gen public as private", t); break;
            case 2: expect(t.tls_gen_signature_ex2(APPID, "a\uD800b", p256Private), 16, "gen lone surrogate", t); break;
            case 3: expect(t.tls_gen_signature_ex2(APPID, null, p256Private), 16, "gen null identifier", t); break;
            case 4: expect(t.tls_gen_signature_ex2("14x", "u", p256Private), 16, "gen bad sdkappid", t); break;
            default: expect(t.tls_gen_signature_ex2_with_expire(APPID, "u", p256Private, "-1"), 16, "gen bad expire", t);
        }
        if (!t.getSig().isEmpty()) {
            fail("a failed generation left a sig");
        }
    }

    static void badCheck(tls_sigcheck t, long i, String sig, String pub) {
        switch ((int) ((i / 10) % 6)) {
            case 0: expect(t.tls_check_signature_ex2(sig, pub, APPID, "someone_else"), 13, "check other id", t); break;
            case 1: expect(t.tls_check_signature_ex2(null, pub, APPID, "u"), 1, "check null sig", t); break;
            case 2: expect(t.tls_check_signature_ex2(sig, null, APPID, "u"), 8, "check null pubKey", t); break;
            case 3: expect(t.tls_check_signature_ex2(sig, pub, APPID, "\uDC00"), 16, "check lone surrogate", t); break;
            case 4: expect(t.tls_check_signature_ex2(sig, p256Private, APPID, "x"), 8, "check private as public", t); break;
            default: expect(t.tls_check_signature_ex2("eJzLSM3JyQcABiwCFQ__", pub, APPID, "u"), 4, "check non-JSON", t);
        }
        if (t.getExpireTime() != 0 || t.getInitTime() != 0) {
            fail("a failed check left times " + t.getExpireTime() + "/" + t.getInitTime());
        }
    }

    static final int POOL = 1000;
    static final String[] pool = new String[POOL];
    static final String[] poolId = new String[POOL];
    static final boolean[] poolK256 = new boolean[POOL];

    /** Generations number from..to (1 in 10 a failing one); samples RSS every `every` if given. */
    static void genPhase(tls_sigcheck t, long from, long to, long every, List<long[]> samples) throws IOException {
        for (long i = from; i <= to; i++) {
            if (i % 10 == 0) {
                badGen(t, i);
            } else {
                boolean k = (i & 1) == 0;
                String id = "user_" + (i % 5000);
                expect(t.tls_gen_signature_ex2(APPID, id, k ? k256Private : p256Private), 0, "gen", t);
                String sig = t.getSig();
                if (sig == null || sig.length() < 100) {
                    fail("short sig " + sig);
                }
                int slot = (int) (i % POOL);
                pool[slot] = sig;
                poolId[slot] = id;
                poolK256[slot] = k;
            }
            if (samples != null && i % every == 0) {
                samples.add(new long[] {0, i, rssKib()});
            }
        }
    }

    /** Verifications of the pool's tickets (1 in 10 a failing call); samples like genPhase. */
    static void verifyPhase(tls_sigcheck t, long from, long to, long every, long offset, List<long[]> samples)
            throws IOException {
        for (long i = from; i <= to; i++) {
            int slot = (int) (i % POOL);
            if (pool[slot] == null) {
                slot = 1;
            }
            String pub = poolK256[slot] ? k256Public : p256Public;
            if (i % 10 == 0) {
                badCheck(t, i, pool[slot], pub);
            } else {
                expect(t.tls_check_signature_ex2(pool[slot], pub, APPID, poolId[slot]), 0, "check", t);
                if (t.getExpireTime() != 15552000 || t.getInitTime() <= 0) {
                    fail("times " + t.getExpireTime() + "/" + t.getInitTime());
                }
            }
            if (samples != null && i % every == 0) {
                samples.add(new long[] {1, offset + i, rssKib()});
            }
        }
    }

    static void soak(long calls, long every, long maxGrowthKib, long warmup) throws IOException {
        tls_sigcheck t = new tls_sigcheck();
        List<long[]> samples = new ArrayList<>();  // {phase 0 gen / 1 verify, calls, rss KiB}
        // Warm-up: generations and verifications until the JIT has compiled the loops and the
        // allocator and caches are settled; then the baseline; the measured calls follow.
        long w0 = System.nanoTime();
        genPhase(t, 1, warmup, every, null);
        verifyPhase(t, 1, warmup, every, 0, null);
        long base = rssKib();
        samples.add(new long[] {2, 0, base});
        long t0 = System.nanoTime();
        genPhase(t, 1, calls, every, samples);
        long t1 = System.nanoTime();
        verifyPhase(t, 1, calls, every, calls, samples);
        long t2 = System.nanoTime();
        long max = base;
        System.out.printf("soak: warm-up of %d generations + %d verifications in %.1f s%n", warmup, warmup, (t0 - w0) / 1e9);
        System.out.println("phase,calls,rss_kib,growth_kib");
        for (long[] s : samples) {
            max = Math.max(max, s[2]);
            String phase = s[0] == 0 ? "gen" : s[0] == 1 ? "verify" : "baseline";
            System.out.println(phase + "," + s[1] + "," + s[2] + "," + (s[2] - base));
        }
        System.out.printf("soak: %d generations in %.1f s (%.0f/s), %d verifications in %.1f s (%.0f/s)%n",
                calls, (t1 - t0) / 1e9, calls / ((t1 - t0) / 1e9), calls, (t2 - t1) / 1e9, calls / ((t2 - t1) / 1e9));
        System.out.printf("soak: RSS after warm-up %d KiB, max later %d KiB, growth %d KiB (bound %d KiB)%n",
                base, max, max - base, maxGrowthKib);
        if (max - base >= maxGrowthKib) {
            fail("RSS grew by " + (max - base) + " KiB after warm-up");
        }
    }

    // ---- stress -------------------------------------------------------------------------------

    static void stress(int threads, int perThread) throws Exception {
        AtomicLong gens = new AtomicLong(), checks = new AtomicLong(), edge = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int tid = 0; tid < threads; tid++) {
            final int me = tid;
            futures.add(pool.submit(() -> {
                tls_sigcheck t = new tls_sigcheck();
                for (int j = 0; j < perThread; j++) {
                    boolean k = ((me + j) & 1) == 1;
                    String priv = k ? k256Private : p256Private, pub = k ? k256Public : p256Public;
                    String id = "t" + me + "_" + j + (j % 7 == 0 ? "_\u7528\u6237\uD83D\uDE00" : "");
                    expect(t.tls_gen_signature_ex2_with_expire(APPID, id, priv, "86400"), 0, "stress gen", t);
                    gens.incrementAndGet();
                    String sig = t.getSig();
                    expect(t.tls_check_signature_ex2(sig, pub, APPID, id), 0, "stress check", t);
                    checks.incrementAndGet();
                    if (t.getExpireTime() != 86400) {
                        fail("stress expire " + t.getExpireTime());
                    }
                    if (j % 50 == 0) {
                        // Another thread's identifier, and the hostile arguments from Java.
                        expect(t.tls_check_signature_ex2(sig, pub, APPID, "t" + ((me + 1) % threads) + "_" + j), 13,
                                "stress other id", t);
                        expect(t.tls_check_signature_ex2(null, pub, APPID, id), 1, "stress null sig", t);
                        expect(t.tls_gen_signature_ex2(APPID, "x\uD800", priv), 16, "stress lone high surrogate", t);
                        expect(t.tls_gen_signature_ex2(APPID, "\uDFFFx", priv), 16, "stress lone low surrogate", t);
                        expect(t.tls_gen_signature_ex2(null, id, priv), 16, "stress null sdkappid", t);
                        String nul = "a\u0000b" + me;
                        expect(t.tls_gen_signature_ex2(APPID, nul, priv), 0, "stress NUL gen", t);
                        String nulSig = t.getSig();
                        expect(t.tls_check_signature_ex2(nulSig, pub, APPID, nul), 0, "stress NUL check", t);
                        expect(t.tls_check_signature_ex2(nulSig, pub, APPID, "a"), 13, "stress NUL cut", t);
                        expect(t.tls_check_signature_ex2("\u0000", pub, APPID, "a"), 2, "stress NUL sig", t);
                        edge.addAndGet(9);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long t1 = System.nanoTime();
        // One shared instance hammered by every thread: return codes must still be right.
        tls_sigcheck shared = new tls_sigcheck();
        shared.tls_gen_signature_ex2(APPID, "shared", p256Private);
        final String sharedSig = shared.getSig();
        AtomicLong sharedCalls = new AtomicLong();
        futures.clear();
        for (int tid = 0; tid < threads; tid++) {
            final int me = tid;
            futures.add(pool.submit(() -> {
                for (int j = 0; j < perThread / 4; j++) {
                    int want = (j + me) % 3 == 0 ? 13 : 0;
                    int got = shared.tls_check_signature_ex2(sharedSig, p256Public, APPID, want == 0 ? "shared" : "other");
                    if (got != want) {
                        fail("shared instance: got " + got + " want " + want);
                    }
                    if ((j & 3) == 0 && shared.tls_gen_signature_ex2(APPID, "s" + me, k256Private) != 0) {
                        fail("shared instance gen failed");
                    }
                    sharedCalls.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long t2 = System.nanoTime();
        System.out.printf("stress threads=%d: %d generations + %d verifications (all verified) + %d edge calls in %.1f s"
                + " (%.0f gen+verify pairs/s); shared instance %d checks in %.1f s%n",
                threads, gens.get(), checks.get(), edge.get(), (t1 - t0) / 1e9, gens.get() / ((t1 - t0) / 1e9),
                sharedCalls.get(), (t2 - t1) / 1e9);
        if (gens.get() != (long) threads * perThread || checks.get() != (long) threads * perThread) {
            fail("stress counts " + gens.get() + "/" + checks.get());
        }
    }
}
