package com.tls.sigcheck;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;

/**
 * Run in a fresh JVM with a fixed, pre-touched heap by {@link NativeMemoryTest}: calls the natives
 * many times with a large string argument and prints the resident set size before and after
 * ("rss-before N", "rss-after N", in KiB). The legacy library never released the strings it got
 * with GetStringUTFChars, so its RSS grew by the argument size on every call.
 */
public final class LeakProbe {

    private LeakProbe() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        String pub = JdkTicket.publicPem(JdkTicket.newP256().getPublic());
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 16 * 1024; i++) {
            big.append((char) ('\u4e00' + i % 1000));   // 3 UTF-8 bytes each: 48 KiB per call
        }
        String id = big.toString();
        tls_sigcheck s = new tls_sigcheck();
        for (int i = 0; i < 2000; i++) {
            once(s, pub, id);
        }
        System.gc();
        System.out.println("rss-before " + rssKib());
        for (int i = 0; i < calls; i++) {
            once(s, pub, id);
        }
        System.gc();
        System.out.println("rss-after " + rssKib());
    }

    private static void once(tls_sigcheck s, String pub, String id) {
        // every argument is read before anything fails: an empty sig (1), a bad sdkappid (16)
        if (s.tls_check_signature_ex2("", pub, "1400000267", id) != 1) {
            throw new AssertionError(s.getErrMsg());
        }
        if (s.tls_gen_signature_ex2("x", id, pub) != 16) {
            throw new AssertionError(s.getErrMsg());
        }
    }

    static long rssKib() throws IOException {
        BufferedReader in = new BufferedReader(new FileReader("/proc/self/status"));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } finally {
            in.close();
        }
        throw new IOException("no VmRSS");
    }
}
