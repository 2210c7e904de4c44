package com.tls.sigcheck;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a fresh JVM by {@link NativeLoaderTest}: uses the class as an application would, then
 * prints what happened ("ok N", the jnisigcheck files mapped into the process, or the error).
 *
 * <p>Arguments: {@code threads [libPath]}; with a path, {@code loadJniLib(path)} is called first.
 */
public final class LoaderProbe {

    private LoaderProbe() {
    }

    public static void main(String[] args) throws Exception {
        final int threads = Integer.parseInt(args[0]);
        final String pri = JdkTicket.privatePem(JdkTicket.newP256().getPrivate());
        if (args.length > 1) {
            new tls_sigcheck().loadJniLib(args[1]);
        }
        final CountDownLatch start = new CountDownLatch(1);
        final AtomicInteger ok = new AtomicInteger();
        final List<Throwable> errors = new ArrayList<Throwable>();
        List<Thread> all = new ArrayList<Thread>();
        for (int i = 0; i < threads; i++) {
            final int n = i;
            Thread t = new Thread(new Runnable() {
                @Override
                public void run() {
                    try {
                        start.await();
                        tls_sigcheck s = new tls_sigcheck();
                        if (s.tls_gen_signature_ex2("1400000267", "probe" + n, pri) == 0) {
                            ok.incrementAndGet();
                        } else {
                            System.out.println("gen failed: " + s.getErrMsg());
                        }
                    } catch (Throwable e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    }
                }
            });
            t.start();
            all.add(t);
        }
        start.countDown();
        for (Thread t : all) {
            t.join();
        }
        for (Throwable e : errors) {
            System.out.println("error: " + e);
        }
        System.out.println("ok " + ok.get());
        for (String mapped : mappedLibraries()) {
            System.out.println("mapped " + mapped);
        }
    }

    /** The jnisigcheck files mapped into this process (Linux: /proc/self/maps). */
    static List<String> mappedLibraries() throws IOException {
        List<String> found = new ArrayList<String>();
        BufferedReader in = new BufferedReader(new FileReader("/proc/self/maps"));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.contains("jnisigcheck")) {
                    String path = line.substring(slash);
                    if (!found.contains(path)) {
                        found.add(path);
                    }
                }
            }
        } finally {
            in.close();
        }
        return found;
    }
}
