package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/** Many threads, no set-up call: one instance per thread, and keys shared between threads. */
public class ConcurrencyTest {

    static final String APP = TlsSigcheckTest.APP;

    @Test(timeout = 600_000)
    public void eightThreadsTimesTwoThousandGenerationsAllVerify() throws Exception {
        final KeyPair keys = JdkTicket.newP256();
        final String pri = JdkTicket.privatePem(keys.getPrivate());
        final String pub = JdkTicket.publicPem(keys.getPublic());
        final int threads = 8;
        final int perThread = 2000;
        final CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<Future<List<String>>>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                results.add(pool.submit(new Callable<List<String>>() {
                    @Override
                    public List<String> call() throws Exception {
                        tls_sigcheck s = new tls_sigcheck();   // one instance per thread
                        List<String> tickets = new ArrayList<String>(perThread);
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            String id = "user-" + thread + "-" + i;
                            int ret = s.tls_gen_signature_ex2_with_expire(APP, id, pri, "86400");
                            if (ret != 0) {
                                throw new AssertionError(id + ": gen " + ret + " " + s.getErrMsg());
                            }
                            String sig = s.getSig();
                            ret = s.tls_check_signature_ex2(sig, pub, APP, id);
                            if (ret != 0 || s.getExpireTime() != 86400) {
                                throw new AssertionError(id + ": check " + ret + " " + s.getErrMsg());
                            }
                            tickets.add(sig);
                        }
                        return tickets;
                    }
                }));
            }
            start.countDown();
            Set<String> all = new HashSet<String>();
            for (Future<List<String>> f : results) {
                all.addAll(f.get(10, TimeUnit.MINUTES));
            }
            assertEquals("every ticket distinct", threads * perThread, all.size());
            // and a sample, verified again by the JDK alone, names its own user
            int n = 0;
            for (String sig : all) {
                if (n++ % 997 == 0) {
                    String id = (String) JdkTicket.verify(sig, keys.getPublic()).get("TLS.identifier");
                    assertTrue(id, id.startsWith("user-"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test(timeout = 600_000)
    public void fourThreadsShareKeysWithMixedGenerateAndCheck() throws Exception {
        final KeyPair a = JdkTicket.newP256();
        final KeyPair b = JdkTicket.newP256();
        final String[] pri = {JdkTicket.privatePem(a.getPrivate()), JdkTicket.privatePem(b.getPrivate())};
        final String[] pub = {JdkTicket.publicPem(a.getPublic()), JdkTicket.publicPem(b.getPublic())};
        // tickets made up front by one thread, checked by all
        final String[] shared = new String[2];
        tls_sigcheck maker = new tls_sigcheck();
        for (int k = 0; k < 2; k++) {
            assertEquals(0, maker.tls_gen_signature_ex2(APP, "shared", pri[k]));
            shared[k] = maker.getSig();
        }
        final CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < 4; t++) {
                final int thread = t;
                results.add(pool.submit(new Callable<Integer>() {
                    @Override
                    public Integer call() throws Exception {
                        tls_sigcheck s = new tls_sigcheck();
                        start.await();
                        int done = 0;
                        for (int i = 0; i < 1500; i++) {
                            int k = (i + thread) % 2;
                            switch (i % 3) {
                                case 0: {
                                    String id = "t" + thread + "-" + i;
                                    check(s.tls_gen_signature_ex2(APP, id, pri[k]) == 0, s);
                                    check(s.tls_check_signature_ex2(s.getSig(), pub[k], APP, id) == 0, s);
                                    check(s.tls_check_signature_ex2(s.getSig(), pub[1 - k], APP, id) == 8, s);
                                    break;
                                }
                                case 1:
                                    check(s.tls_check_signature_ex2(shared[k], pub[k], APP, "shared") == 0, s);
                                    check(s.getExpireTime() == 15552000, s);
                                    break;
                                default:
                                    check(s.tls_check_signature_ex2(shared[k], pub[1 - k], APP, "shared") == 8, s);
                                    check(s.getExpireTime() == 0, s);
                                    break;
                            }
                            done++;
                        }
                        return done;
                    }
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(10, TimeUnit.MINUTES);
            }
            assertEquals(4 * 1500, total);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(boolean ok, tls_sigcheck s) {
        if (!ok) {
            throw new AssertionError("unexpected result; errMsg: " + s.getErrMsg());
        }
    }
}
