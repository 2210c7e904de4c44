package com.tls.sig;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The native key of one signer or verifier: its handle, a count of the calls using it, and the
 * fallback that frees it when its owner is garbage-collected without {@code close()}.
 *
 * <p>Every call brackets its native call with {@link #acquire()} and {@link #release()}.
 * {@link #close()} marks the key closed at once (later calls throw {@link IllegalStateException})
 * and frees the native key when the last call in flight releases it, so closing while other
 * threads use the object is safe. Because the running call holds this object (not the owner),
 * the owner being collected in the middle of a call cannot free the key under it either.
 *
 * <p>The fallback works on Java 8 ({@code java.lang.ref.Cleaner} is Java 9+): a
 * {@link PhantomReference} to the owner, enqueued when the owner is unreachable, and one daemon
 * thread ({@code tls-sig-cleaner}), started on first use, that closes the keys so enqueued.
 */
final class NativeKey {

    private static final long CLOSED = Long.MIN_VALUE;

    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<Object>();
    /** Keeps the phantom references themselves reachable until they are enqueued or closed. */
    private static final Set<OwnerRef> LIVE =
            Collections.newSetFromMap(new ConcurrentHashMap<OwnerRef, Boolean>());
    private static final AtomicLong CLEANED = new AtomicLong();
    private static Thread cleaner;

    private final long handle;
    private final String what;
    /** Bit 63: closed. Bits 0-62: calls in flight. */
    private final AtomicLong state = new AtomicLong();
    private final OwnerRef ref;

    /**
     * Takes ownership of a native handle for {@code owner}.
     *
     * @param owner the public object whose collection frees the key if it was not closed
     * @param handle the native handle (not 0)
     * @param what the owner's class name, for messages
     */
    NativeKey(Object owner, long handle, String what) {
        this.handle = handle;
        this.what = what;
        this.ref = new OwnerRef(owner, this);
        LIVE.add(ref);
        startCleaner();
    }

    /**
     * Starts a call: returns the handle, which stays valid until {@link #release()}.
     *
     * @return the native handle
     * @throws IllegalStateException if the key is closed
     */
    long acquire() {
        for (;;) {
            long s = state.get();
            if (s < 0) {
                throw new IllegalStateException(what + " is closed");
            }
            if (state.compareAndSet(s, s + 1)) {
                return handle;
            }
        }
    }

    /** Ends a call started with {@link #acquire()}; frees the key if it was closed meanwhile. */
    void release() {
        if (state.decrementAndGet() == CLOSED) {
            free();
        }
    }

    /** Closes the key (idempotent): now if unused, else when the last call in flight ends. */
    void close() {
        for (;;) {
            long s = state.get();
            if (s < 0) {
                return;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                if (s == 0) {
                    free();
                }
                return;
            }
        }
    }

    /**
     * Returns whether {@link #close()} was called (or the owner was collected).
     *
     * @return true once closed
     */
    boolean isClosed() {
        return state.get() < 0;
    }

    /** The handle, for tests (whether it is still live natively). */
    long handleForTest() {
        return handle;
    }

    /** How many keys the fallback has closed so far, for tests. */
    static long cleanedCount() {
        return CLEANED.get();
    }

    private void free() {
        LIVE.remove(ref);
        ref.clear();
        Natives.nFree(handle);
    }

    private static synchronized void startCleaner() {
        if (cleaner != null) {
            return;
        }
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                cleanLoop();
            }
        }, "tls-sig-cleaner");
        thread.setDaemon(true);
        // Keep no application class loader alive through this thread.
        thread.setContextClassLoader(null);
        thread.start();
        cleaner = thread;
    }

    private static void cleanLoop() {
        for (;;) {
            try {
                OwnerRef ref = (OwnerRef) QUEUE.remove();
                if (LIVE.contains(ref)) {
                    CLEANED.incrementAndGet();
                }
                ref.key.close();
            } catch (InterruptedException e) {
                // A daemon thread: keep serving until the JVM exits.
            } catch (Throwable t) {
                // Never let one failure stop the fallback for every other key.
            }
        }
    }

    /** The phantom reference to an owner; holds the key, never the owner. */
    private static final class OwnerRef extends PhantomReference<Object> {
        final NativeKey key;

        OwnerRef(Object owner, NativeKey key) {
            super(owner, QUEUE);
            this.key = key;
        }
    }
}
