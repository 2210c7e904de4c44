package com.tls.sigcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.Test;

import com.tls.tls_sigature.tls_sigature;

/**
 * secp256k1, the curve of apps created up to about 2017, through JNI. The JDK dropped that curve,
 * so the keys and the independent check use BouncyCastle (which the Maven peer brings along).
 */
public class Secp256k1Test {

    @Test
    public void secp256k1TicketsThroughJniVerifyWithBouncyCastleAndThePeer() throws Exception {
        Provider bc = new BouncyCastleProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair keys = generator.generateKeyPair();
        String pri = JdkTicket.privatePem(keys.getPrivate());
        String pub = JdkTicket.publicPem(keys.getPublic());

        for (int i = 0; i < 20; i++) {   // both low-S and high-S signatures turn up over 20 tickets
            tls_sigcheck s = new tls_sigcheck();
            assertEquals(s.getErrMsg(), 0, s.tls_gen_signature_ex2("1400000001", "k1user" + i, pri));
            Map<String, Object> f = MiniJson.parseObject(JdkTicket.decodeToJson(s.getSig()));
            Signature verifier = Signature.getInstance("SHA256withECDSA", bc);
            verifier.initVerify(keys.getPublic());
            verifier.update(JdkTicket.signedText(f).getBytes(StandardCharsets.UTF_8));
            assertTrue(verifier.verify(Base64.getDecoder().decode((String) f.get("TLS.sig"))));
            assertEquals(s.getErrMsg(), 0, s.tls_check_signature_ex2(s.getSig(), pub, "1400000001", "k1user" + i));
            assertTrue(tls_sigature.CheckTLSSignatureEx(s.getSig(), 1400000001L, "k1user" + i, pub).verifyResult);

            tls_sigature.GenTLSSignatureResult g = tls_sigature.GenTLSSignatureEx(1400000001L, "peer" + i, pri);
            assertEquals(s.getErrMsg(), 0, s.tls_check_signature_ex2(g.urlSig, pub, "1400000001", "peer" + i));
        }
    }
}
