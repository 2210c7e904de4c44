import com.tls.sigcheck.tls_sigcheck;
import com.tls.tls_sigature.tls_sigature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Throughput of the JNI library (com.tls.sigcheck.tls_sigcheck) next to the JDK's raw
 * SHA256withECDSA and the Maven Central peer com.github.tencentyun:tls-sig-api:1.2, in one run.
 * Run through scripts/bench-java.sh (see BENCHMARKS.md).
 *
 * Args: libPath keysDir [secondsPerCase]
 */
public final class Bench {
    static final String SDKAPPID = "1400000000";
    static final long SDKAPPID_L = 1400000000L;
    static final String SECRET = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    static final int IDS = 1024;
    static double seconds = 3.0;

    /** One unit of work; {@code thread} and {@code i} let each call use its own identifier. */
    interface Op {
        void run(int thread, long i) throws Exception;
    }

    /** Creates per-thread state (one tls_sigcheck instance per thread, for example). */
    interface OpFactory {
        Op create(int thread) throws Exception;
    }

    static final Map<String, Double> results = new LinkedHashMap<>();
    static final Map<String, Double> cpuResults = new LinkedHashMap<>();

    static double measure(String name, int threads, OpFactory factory) throws Exception {
        List<Op> ops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ops.add(factory.create(t));
        }
        // Warm-up (JIT, caches, lazily built tables), single-threaded per op.
        for (int t = 0; t < threads; t++) {
            long end = System.nanoTime() + 1_500_000_000L;
            for (long i = 0; System.nanoTime() < end; i++) {
                ops.get(t).run(t, i);
            }
        }
        LongAdder count = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        Exception[] failure = new Exception[1];
        long[] opsPerThread = new long[threads];
        long[] cpuNanos = new long[threads];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            final Op op = ops.get(t);
            workers[t] = new Thread(() -> {
                long i = 0;
                long cpu0 = mx.getCurrentThreadCpuTime();
                try {
                    while (!stop.get()) {
                        op.run(thread, i++);
                        count.increment();
                    }
                } catch (Exception e) {
                    failure[0] = e;
                }
                cpuNanos[thread] = mx.getCurrentThreadCpuTime() - cpu0;
                opsPerThread[thread] = i;
            });
        }
        long start = System.nanoTime();
        for (Thread w : workers) {
            w.start();
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failure[0] != null) {
            throw new IllegalStateException(name + " failed", failure[0]);
        }
        double rate = count.sum() / elapsed;
        // Sum over threads of ops per CPU-second of that thread: what the threads would do with a
        // core each and nothing else running (the machine is often shared while benchmarking).
        double cpuRate = 0;
        for (int t = 0; t < threads; t++) {
            cpuRate += opsPerThread[t] / Math.max(cpuNanos[t] / 1e9, 1e-9);
        }
        results.put(name + "@" + threads, rate);
        cpuResults.put(name + "@" + threads, cpuRate);
        System.out.printf("%-44s %2d thread%s %12.0f ops/s %14.0f ops/CPU-s%n", name, threads,
                threads == 1 ? " " : "s", rate, cpuRate);
        return rate;
    }

    static String id(int thread, long i) {
        return "user_" + thread + "_" + (i % IDS);
    }

    static String read(String dir, String name) throws Exception {
        return new String(Files.readAllBytes(Paths.get(dir, name)), StandardCharsets.US_ASCII);
    }

    static byte[] pemBody(String pem) {
        StringBuilder b64 = new StringBuilder();
        boolean in = false;
        for (String line : pem.split("\r?\n")) {
            if (line.startsWith("-----BEGIN")) {
                in = true;
            } else if (line.startsWith("-----END")) {
                break;
            } else if (in) {
                b64.append(line.trim());
            }
        }
        return Base64.getDecoder().decode(b64.toString());
    }

    /** The six lines a v1 ticket signs. */
    static byte[] signedText(String identifier) {
        return ("TLS.appid_at_3rd:0\nTLS.account_type:0\nTLS.identifier:" + identifier
                + "\nTLS.sdk_appid:" + SDKAPPID + "\nTLS.time:1700000000\nTLS.expire_after:15552000\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A v2 (HMAC) ticket made with the JDK alone. */
    static String v2Ticket(String identifier, long time) throws Exception {
        String text = "TLS.identifier:" + identifier + "\nTLS.sdkappid:" + SDKAPPID + "\nTLS.time:" + time
                + "\nTLS.expire:86400\n";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        String json = "{\"TLS.ver\":\"2.0\",\"TLS.identifier\":\"" + identifier + "\",\"TLS.sdkappid\":" + SDKAPPID
                + ",\"TLS.expire\":86400,\"TLS.time\":" + time + ",\"TLS.sig\":\"" + sig + "\"}";
        Deflater deflater = new Deflater();
        deflater.setInput(json.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buf = new byte[1024];
        int n = deflater.deflate(buf);
        deflater.end();
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return Base64.getEncoder().encodeToString(out).replace('+', '*').replace('/', '-').replace('=', '_');
    }

    /** Tickets for identifiers user_<thread>_<0..IDS-1>, made through JNI. */
    static String[][] tickets(int threads, String priKey) {
        tls_sigcheck maker = new tls_sigcheck();
        String[][] out = new String[threads][IDS];
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < IDS; i++) {
                if (maker.tls_gen_signature_ex2(SDKAPPID, id(t, i), priKey) != 0) {
                    throw new IllegalStateException("gen failed: " + maker.getErrMsg());
                }
                out[t][i] = maker.getSig();
            }
        }
        return out;
    }

    static double ratio(String a, String b) {
        return results.get(a) / results.get(b);
    }

    static double cpuRatio(String a, String b) {
        return cpuResults.get(a) / cpuResults.get(b);
    }

    public static void main(String[] args) throws Exception {
        String lib = args[0];
        String keys = args[1];
        if (args.length > 2) {
            seconds = Double.parseDouble(args[2]);
        }
        new tls_sigcheck().loadJniLib(lib);
        String p256Pri = read(keys, "p256_private_key.pem");
        String p256Pub = read(keys, "p256_public_key.pem");
        String k256Pri = read(keys, "k256_private_key.pem");
        String k256Pub = read(keys, "k256_public_key.pem");
        System.out.printf("JDK %s (%s), %d CPUs, %.1f s per case, sdkappid %s, a different identifier per call%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), seconds, SDKAPPID);
        System.out.printf("load average at the start: %s%n", loadAverage());

        // ---- ours, through JNI -----------------------------------------------------------
        for (int threads = 1; threads <= 2; threads++) {
            measure("JNI gen v1 P-256", threads, t -> {
                tls_sigcheck s = new tls_sigcheck();
                return (thread, i) -> {
                    if (s.tls_gen_signature_ex2(SDKAPPID, id(thread, i), p256Pri) != 0) {
                        throw new IllegalStateException(s.getErrMsg());
                    }
                };
            });
        }
        String[][] p256Tickets = tickets(2, p256Pri);
        for (int threads = 1; threads <= 2; threads++) {
            measure("JNI verify v1 P-256", threads, t -> {
                tls_sigcheck s = new tls_sigcheck();
                return (thread, i) -> {
                    int j = (int) (i % IDS);
                    if (s.tls_check_signature_ex2(p256Tickets[thread][j], p256Pub, SDKAPPID, id(thread, j)) != 0) {
                        throw new IllegalStateException(s.getErrMsg());
                    }
                };
            });
        }
        measure("JNI gen v1 secp256k1", 1, t -> {
            tls_sigcheck s = new tls_sigcheck();
            return (thread, i) -> {
                if (s.tls_gen_signature_ex2(SDKAPPID, id(thread, i), k256Pri) != 0) {
                    throw new IllegalStateException(s.getErrMsg());
                }
            };
        });
        String[][] k256Tickets = tickets(1, k256Pri);
        measure("JNI verify v1 secp256k1", 1, t -> {
            tls_sigcheck s = new tls_sigcheck();
            return (thread, i) -> {
                int j = (int) (i % IDS);
                if (s.tls_check_signature_ex2(k256Tickets[0][j], k256Pub, SDKAPPID, id(0, j)) != 0) {
                    throw new IllegalStateException(s.getErrMsg());
                }
            };
        });
        long now = System.currentTimeMillis() / 1000;
        String[] v2Tickets = new String[IDS];
        for (int i = 0; i < IDS; i++) {
            v2Tickets[i] = v2Ticket(id(0, i), now);
        }
        measure("JNI verify v2 HMAC", 1, t -> {
            tls_sigcheck s = new tls_sigcheck();
            return (thread, i) -> {
                int j = (int) (i % IDS);
                if (s.tls_check_signature_ex2(v2Tickets[j], SECRET, SDKAPPID, id(0, j)) != 0) {
                    throw new IllegalStateException(s.getErrMsg());
                }
            };
        });

        // ---- the JDK's raw ECDSA with a pre-parsed P-256 key --------------------------------
        KeyFactory ec = KeyFactory.getInstance("EC");
        PrivateKey jdkPri = ec.generatePrivate(new PKCS8EncodedKeySpec(pemBody(p256Pri)));
        PublicKey jdkPub = ec.generatePublic(new X509EncodedKeySpec(pemBody(p256Pub)));
        measure("JDK SHA256withECDSA sign (raw)", 1, t -> {
            Signature sig = Signature.getInstance("SHA256withECDSA");
            return (thread, i) -> {
                sig.initSign(jdkPri);
                sig.update(signedText(id(thread, i)));
                sig.sign();
            };
        });
        byte[][] jdkSigs = new byte[IDS][];
        {
            Signature sig = Signature.getInstance("SHA256withECDSA");
            for (int i = 0; i < IDS; i++) {
                sig.initSign(jdkPri);
                sig.update(signedText(id(0, i)));
                jdkSigs[i] = sig.sign();
            }
        }
        measure("JDK SHA256withECDSA verify (raw)", 1, t -> {
            Signature sig = Signature.getInstance("SHA256withECDSA");
            return (thread, i) -> {
                int j = (int) (i % IDS);
                sig.initVerify(jdkPub);
                sig.update(signedText(id(0, j)));
                if (!sig.verify(jdkSigs[j])) {
                    throw new IllegalStateException("JDK verify failed");
                }
            };
        });

        // ---- the Maven Central peer (BouncyCastle; parses the PEM on every call) -------------
        measure("Maven tls-sig-api 1.2 genSig", 1, t -> (thread, i) -> {
            tls_sigature.GenTLSSignatureResult r = tls_sigature.genSig(SDKAPPID_L, id(thread, i), p256Pri);
            if (r.urlSig == null || r.urlSig.isEmpty()) {
                throw new IllegalStateException("peer gen failed: " + r.errMessage);
            }
        });
        String[] peerTickets = new String[IDS];
        for (int i = 0; i < IDS; i++) {
            peerTickets[i] = tls_sigature.genSig(SDKAPPID_L, id(0, i), p256Pri).urlSig;
        }
        measure("Maven tls-sig-api 1.2 CheckTLSSignatureEx", 1, t -> (thread, i) -> {
            int j = (int) (i % IDS);
            tls_sigature.CheckTLSSignatureResult r =
                    tls_sigature.CheckTLSSignatureEx(peerTickets[j], SDKAPPID_L, id(0, j), p256Pub);
            if (!r.verifyResult) {
                throw new IllegalStateException("peer verify failed: " + r.errMessage);
            }
        });

        // ---- ratios (all from this run) ------------------------------------------------------
        System.out.println();
        System.out.printf("load average at the end: %s%n", loadAverage());
        System.out.println("ratios (same run)                          wall-clock   CPU-time   target");
        row("JNI gen 1T / JDK raw sign", "JNI gen v1 P-256@1", "JDK SHA256withECDSA sign (raw)@1", ">= 7x");
        row("JNI verify 1T / JDK raw verify", "JNI verify v1 P-256@1", "JDK SHA256withECDSA verify (raw)@1", ">= 8x");
        row("JNI gen 2T / 1T", "JNI gen v1 P-256@2", "JNI gen v1 P-256@1", ">= 1.8x");
        row("JNI verify 2T / 1T", "JNI verify v1 P-256@2", "JNI verify v1 P-256@1", ">= 1.8x");
        row("JNI gen 1T / Maven genSig", "JNI gen v1 P-256@1", "Maven tls-sig-api 1.2 genSig@1", "");
        row("JNI verify 1T / Maven CheckTLSSignatureEx", "JNI verify v1 P-256@1",
                "Maven tls-sig-api 1.2 CheckTLSSignatureEx@1", "");
        System.out.printf("absolute: gen 1T %.0f/s (CPU-time %.0f/s), verify 1T %.0f/s (CPU-time %.0f/s);"
                + " targets >= 20000/s and >= 12000/s%n",
                results.get("JNI gen v1 P-256@1"), cpuResults.get("JNI gen v1 P-256@1"),
                results.get("JNI verify v1 P-256@1"), cpuResults.get("JNI verify v1 P-256@1"));
    }

    static void row(String label, String a, String b, String target) {
        System.out.printf("  %-40s %8.2fx %9.2fx   %s%n", label, ratio(a, b), cpuRatio(a, b), target);
    }

    static String loadAverage() {
        try {
            return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
