package com.tls.sig;

import static com.tls.sig.Tickets.APP;
import static com.tls.sig.Tickets.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

import com.tls.sigcheck.JdkTicket;

/**
 * One signer and one verifier shared by 8 threads; close while other threads use them; the
 * garbage-collection fallback.
 */
public class ConcurrencyAndLifecycleTest {

    static final int THREADS = 8;

    @Test(timeout = 600_000)
    public void eightThreadsShareOneSignerAndOneVerifier() throws Exception {
        KeyPair keys = JdkTicket.newP256();
        final int perThread = 1000;
        try (final UserSigSigner signer = UserSigSigner.fromPem(JdkTicket.privatePem(keys.getPrivate()));
                final UserSigVerifier verifier = UserSigVerifier.fromPem(JdkTicket.publicPem(keys.getPublic()));
                final HmacUserSigSigner hmacSigner = HmacUserSigSigner.fromSecret("shared secret");
                final HmacUserSigVerifier hmacVerifier = HmacUserSigVerifier.fromSecret("shared secret")) {
            final CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<List<String>>> results = new ArrayList<Future<List<String>>>();
                for (int t = 0; t < THREADS; t++) {
                    final int thread = t;
                    results.add(pool.submit(new Callable<List<String>>() {
                        @Override
                        public List<String> call() throws Exception {
                            List<String> tickets = new ArrayList<String>();
                            start.await();
                            for (int i = 0; i < perThread; i++) {
                                String id = "user-" + thread + "-" + i;
                                long expire = 1000 + i;
                                String ticket = signer.gen(APP, id, expire);
                                VerifiedUserSig ok = verifier.verify(ticket, APP, id);
                                if (ok.getExpireTime() != expire) {
                                    throw new AssertionError(id + ": " + ok);
                                }
                                // every few calls, check the wrong user is still refused
                                if (i % 50 == 0) {
                                    try {
                                        verifier.verify(ticket, APP, id + "x");
                                        throw new AssertionError(id + ": accepted for another user");
                                    } catch (UserSigException e) {
                                        assertEquals(13, e.getCode());
                                    }
                                }
                                String v2 = hmacSigner.gen(APP, id, expire);
                                if (hmacVerifier.verify(v2, APP, id).getExpireTime() != expire) {
                                    throw new AssertionError(id + ": v2");
                                }
                                tickets.add(ticket);
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
                assertEquals("every ticket distinct", THREADS * perThread, all.size());
                // spot-check a sample with the JDK alone, outside the library
                int checked = 0;
                for (String ticket : all) {
                    JdkTicket.verify(ticket, keys.getPublic());
                    if (++checked == 200) {
                        break;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test(timeout = 600_000)
    public void closeWhileEightThreadsUseIt() throws Exception {
        for (int round = 0; round < 5; round++) {
            KeyPair keys = JdkTicket.newP256();
            final UserSigSigner signer = UserSigSigner.fromPem(JdkTicket.privatePem(keys.getPrivate()));
            final UserSigVerifier verifier = UserSigVerifier.fromPem(JdkTicket.publicPem(keys.getPublic()));
            final String ticket = signer.gen(APP, "xiaojun");
            final AtomicInteger succeeded = new AtomicInteger();
            final AtomicInteger refused = new AtomicInteger();
            final CountDownLatch running = new CountDownLatch(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<Future<?>>();
            for (int t = 0; t < THREADS; t++) {
                final boolean signs = t % 2 == 0;
                futures.add(pool.submit(new Callable<Void>() {
                    @Override
                    public Void call() {
                        running.countDown();
                        for (int i = 0; i < 100_000; i++) {
                            try {
                                if (signs) {
                                    signer.gen(APP, "u" + i, 60);
                                } else {
                                    verifier.verify(ticket, APP, "xiaojun");
                                }
                                succeeded.incrementAndGet();
                            } catch (IllegalStateException e) {
                                if (!e.getMessage().contains("closed")) {
                                    throw e;
                                }
                                refused.incrementAndGet();
                                return null;   // closed: every later call is refused too
                            }
                        }
                        throw new AssertionError("never saw the close");
                    }
                }));
            }
            running.await();
            Thread.sleep(30 + round * 20);
            // close from this thread and, concurrently, from a second one
            Thread second = new Thread(new Runnable() {
                @Override
                public void run() {
                    signer.close();
                    verifier.close();
                }
            });
            second.start();
            signer.close();
            verifier.close();
            second.join();
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertTrue("calls ran before the close", succeeded.get() > 0);
            assertEquals("every thread saw the close", THREADS, refused.get());
            assertFalse("freed once the calls in flight ended", Natives.nIsLive(signer.nativeKey().handleForTest()));
            assertFalse(Natives.nIsLive(verifier.nativeKey().handleForTest()));
            expect(IllegalStateException.class, "closed", () -> signer.gen(APP, "late"));
        }
    }

    @Test
    public void aCallInFlightKeepsTheKeyUntilItEnds() {
        UserSigSigner signer = UserSigSigner.fromPem(UserSigSignerVerifierTestKeys.PRIVATE);
        NativeKey key = signer.nativeKey();
        long handle = key.acquire();          // as a call in flight does
        signer.close();
        assertTrue(signer.isClosed());
        assertTrue("not freed while in use", Natives.nIsLive(handle));
        assertTrue(Natives.nGen(handle, APP, "a", 60, null).length() > 0);
        key.release();
        assertFalse("freed by the last release", Natives.nIsLive(handle));
    }

    @Test(timeout = 120_000)
    public void unclosedObjectsAreFreedAfterGarbageCollection() throws Exception {
        long[] handles = new long[4];
        createAndDrop(handles);
        long deadline = System.currentTimeMillis() + 60_000;
        List<byte[]> pressure = new ArrayList<byte[]>();
        while (anyLive(handles) && System.currentTimeMillis() < deadline) {
            System.gc();
            pressure.add(new byte[1 << 20]);
            if (pressure.size() > 64) {
                pressure.clear();
            }
            Thread.sleep(20);
        }
        for (long h : handles) {
            assertFalse("handle " + h + " freed by the fallback", Natives.nIsLive(h));
        }
        assertTrue(NativeKey.cleanedCount() >= handles.length);
    }

    private static void createAndDrop(long[] handles) {
        handles[0] = UserSigSigner.fromPem(UserSigSignerVerifierTestKeys.PRIVATE).nativeKey().handleForTest();
        handles[1] = UserSigVerifier.fromPem(UserSigSignerVerifierTestKeys.PUBLIC).nativeKey().handleForTest();
        handles[2] = HmacUserSigSigner.fromSecret("s").nativeKey().handleForTest();
        handles[3] = HmacUserSigVerifier.fromSecret("s").nativeKey().handleForTest();
        for (long h : handles) {
            assertTrue(Natives.nIsLive(h));
        }
    }

    private static boolean anyLive(long[] handles) {
        for (long h : handles) {
            if (Natives.nIsLive(h)) {
                return true;
            }
        }
        return false;
    }
}
