package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The drop-in case: a server keeps its own copy of the legacy class (public {@code native}
 * methods, no loader of ours) and calls {@code loadJniLib("/path/jnisigcheck.so")}. The copy is
 * compiled at test time and loaded in its own class loader, so the legacy JNI names
 * ({@code Java_com_tls_sigcheck_tls_1sigcheck_tls_1gen_1signature_1ex2}, ...) are what binds.
 */
public class LegacyClassTest {

    static File classes;
    static URLClassLoader loader;
    static Class<?> legacy;
    static KeyPair keys;
    static String pri;
    static String pub;

    @BeforeClass
    public static void compileAndLoad() throws Exception {
        classes = Files.createTempDirectory("legacy-class-").toFile();
        File pkg = new File(classes, "com/tls/sigcheck");
        assertTrue(pkg.mkdirs());
        File source = new File(pkg, "tls_sigcheck.java");
        InputStream in = LegacyClassTest.class.getResourceAsStream("/legacy/tls_sigcheck.java.txt");
        assertNotNull(in);
        try {
            Files.copy(in, source.toPath());
        } finally {
            in.close();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull("tests need a JDK (javac)", javac);
        assertEquals(0, javac.run(null, null, null, "-d", classes.getPath(), source.getPath()));
        // parent null: the copy must not see this project's class of the same name
        loader = new URLClassLoader(new URL[] {classes.toURI().toURL()}, null);
        legacy = loader.loadClass("com.tls.sigcheck.tls_sigcheck");
        assertTrue(legacy != tls_sigcheck.class);
        assertTrue(Modifier.isNative(legacy.getMethod("tls_gen_signature_ex2",
                String.class, String.class, String.class).getModifiers()));

        // the legacy file name, so this class loader does not collide with the test's own use of
        // libjnisigcheck.so / the bundled copy
        File lib = new File(NativeLoaderTest.nativeBuildDir(), "jnisigcheck.so");
        Object instance = legacy.getConstructor().newInstance();
        legacy.getMethod("loadJniLib", String.class).invoke(instance, lib.getAbsolutePath());

        keys = JdkTicket.newP256();
        pri = JdkTicket.privatePem(keys.getPrivate());
        pub = JdkTicket.publicPem(keys.getPublic());
    }

    @AfterClass
    public static void cleanUp() throws Exception {
        if (loader != null) {
            loader.close();
        }
        NativeLoaderTest.deleteTree(classes);
    }

    static int call(Object instance, String name, String... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        java.util.Arrays.fill(types, String.class);
        Method m = legacy.getMethod(name, types);
        return (Integer) m.invoke(instance, (Object[]) args);
    }

    static Object get(Object instance, String getter) throws Exception {
        return legacy.getMethod(getter).invoke(instance);
    }

    @Test
    public void everyLegacyNativeWorksThroughItsLegacyName() throws Exception {
        Object s = legacy.getConstructor().newInstance();
        assertEquals(String.valueOf(get(s, "getErrMsg")), 0, call(s, "tls_gen_signature_ex2", "1400000267", "xiaojun", pri));
        String sig = (String) get(s, "getSig");
        assertEquals("xiaojun", JdkTicket.verify(sig, keys.getPublic()).get("TLS.identifier"));
        assertEquals("", get(s, "getErrMsg"));

        assertEquals(0, call(s, "tls_check_signature_ex2", sig, pub, "1400000267", "xiaojun"));
        assertEquals(15552000, get(s, "getExpireTime"));
        assertTrue((Integer) get(s, "getInitTime") > 0);

        assertEquals(0, call(s, "tls_gen_signature_ex2_with_expire", "1400000267", "xiaojun", pri, "600"));
        Map<String, Object> f = JdkTicket.verify((String) get(s, "getSig"), keys.getPublic());
        assertEquals("600", f.get("TLS.expire_after"));

        assertEquals(0, call(s, "tls_gen_signature_ex", "700", "1400000267", "1400000267", "xiaojun", "107", pri));
        f = JdkTicket.verify((String) get(s, "getSig"), keys.getPublic());
        assertEquals("107", f.get("TLS.account_type"));
        assertEquals(0, call(s, "tls_check_signature_ex", (String) get(s, "getSig"), pub, "107",
                "1400000267", "1400000267", "xiaojun"));
        assertEquals(700, get(s, "getExpireTime"));

        String json = "{\"TLS.account_type\":\"0\",\"TLS.identifier\":\"xiaojun\",\"TLS.appid_at_3rd\":\"0\","
                + "\"TLS.sdk_appid\":\"1400000267\",\"TLS.expire_after\":\"3600\",\"TLS.time\":\"2030-01-01T00:00:00-08:00\"}";
        assertEquals(String.valueOf(get(s, "getErrMsg")), 0, call(s, "tls_gen_signature", json, pri));
        assertTrue(((String) get(s, "getSig")).contains("\"TLS.sig\""));

        assertEquals(8, call(s, "tls_check_signature_ex2", sig, JdkTicket.publicPem(JdkTicket.newP256().getPublic()),
                "1400000267", "xiaojun"));
        assertEquals(0, get(s, "getExpireTime"));
    }

    @Test
    public void nullsThroughTheLegacyClassAreErrorsNotCrashes() throws Exception {
        Object s = legacy.getConstructor().newInstance();
        assertNotEquals(0, call(s, "tls_gen_signature_ex2", null, "xiaojun", pri));
        assertTrue(((String) get(s, "getErrMsg")).contains("sdkAppid"));
        assertNotEquals(0, call(s, "tls_gen_signature_ex2", "1400000267", null, pri));
        assertNotEquals(0, call(s, "tls_gen_signature_ex2", "1400000267", "xiaojun", null));
        assertNotEquals(0, call(s, "tls_check_signature_ex2", null, null, null, null));
        assertEquals(1, call(s, "tls_check_signature_ex2", null, pub, "1400000267", "xiaojun"));
        assertNotEquals(0, call(s, "tls_gen_signature", null, null));
    }

    @Test
    public void ticketsCrossBetweenTheLegacyCopyAndThisProjectsClass() throws Exception {
        Object s = legacy.getConstructor().newInstance();
        assertEquals(0, call(s, "tls_gen_signature_ex2", "1400000267", "cross", pri));
        tls_sigcheck ours = new tls_sigcheck();
        assertEquals(ours.getErrMsg(), 0, ours.tls_check_signature_ex2((String) get(s, "getSig"), pub, "1400000267", "cross"));
        assertEquals(0, ours.tls_gen_signature_ex2("1400000267", "cross", pri));
        assertEquals(0, call(s, "tls_check_signature_ex2", ours.getSig(), pub, "1400000267", "cross"));
    }
}
