package com.tls.sig;

import java.util.function.LongFunction;

/**
 * What the signers and verifiers share: each owns one {@link NativeKey}, made from the handle
 * its factory got from the native library, and runs every native call through it.
 */
abstract class NativeKeyOwner {

    private final NativeKey key;

    /**
     * Takes ownership of a native handle; the owner's class name names the key in messages.
     *
     * @param handle the native handle (not 0)
     */
    NativeKeyOwner(long handle) {
        this.key = new NativeKey(this, handle, getClass().getSimpleName());
    }

    /**
     * Makes the owner of a new native handle, freeing the handle if that fails (so no native key
     * is left behind).
     *
     * @param handle the native handle (not 0)
     * @param owner the owner's constructor
     * @param <T> the owner's class
     * @return the owner
     */
    static <T extends NativeKeyOwner> T adopt(long handle, LongFunction<T> owner) {
        try {
            return owner.apply(handle);
        } catch (RuntimeException | Error e) {
            Natives.nFree(handle);
            throw e;
        }
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return key.isClosed();
    }

    /**
     * Releases the native key (idempotent): now if no call is running, else when the last one
     * ends. Later calls throw {@link IllegalStateException}. The public classes override it
     * only to document it in their own words.
     */
    public void close() {
        key.close();
    }

    final NativeKey nativeKey() {
        return key;
    }
}
