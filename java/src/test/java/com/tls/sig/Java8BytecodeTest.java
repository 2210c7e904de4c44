package com.tls.sig;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.DataInputStream;
import java.io.InputStream;

import org.junit.Test;

/** The library's classes stay Java 8 bytecode (class file major version 52). */
public class Java8BytecodeTest {

    @Test
    public void everyPublicClassIsJava8Bytecode() throws Exception {
        Class<?>[] classes = {UserSigSigner.class, UserSigVerifier.class, HmacUserSigSigner.class,
            HmacUserSigVerifier.class, VerifiedUserSig.class, UserSigException.class, UserSigError.class,
            NativeKey.class, Natives.class, Args.class, com.tls.sigcheck.tls_sigcheck.class,
            com.tls.sigcheck.NativeLoader.class};
        for (Class<?> c : classes) {
            String resource = "/" + c.getName().replace('.', '/') + ".class";
            try (InputStream in = c.getResourceAsStream(resource)) {
                assertNotNull(resource, in);
                DataInputStream data = new DataInputStream(in);
                assertEquals(resource + " magic", 0xCAFEBABE, data.readInt());
                data.readUnsignedShort();   // minor
                assertEquals(resource + " major version (52 = Java 8)", 52, data.readUnsignedShort());
            }
        }
    }
}
