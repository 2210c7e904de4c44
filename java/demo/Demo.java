import com.tls.sigcheck.tls_sigcheck;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The legacy TLS sig API's Java example, unchanged in what it does: reads {@code ec_key.pem} and
 * {@code public.pem} from the working directory, generates a UserSig for sdkappid 1400000267 and
 * user {@code xiaojun}, prints it, verifies it and prints its expire and init time.
 *
 * <p>The legacy Demo called {@code loadJniLib("/path/to/jnisigcheck.so")}; this one does so only
 * when a path is given as the first argument, and otherwise uses the library bundled in the jar.
 */
public class Demo {

    public static void main(String[] args) throws IOException {
        String priKey = readFile("ec_key.pem");
        String pubKey = readFile("public.pem");

        tls_sigcheck demo = new tls_sigcheck();
        if (args.length > 0) {
            // As in the legacy Demo: load jnisigcheck.so from an explicit path.
            demo.loadJniLib(new File(args[0]).getAbsolutePath());
        }

        int ret = demo.tls_gen_signature_ex2("1400000267", "xiaojun", priKey);
        if (0 != ret) {
            System.out.println("ret " + ret + " " + demo.getErrMsg());
            System.exit(1);
        }
        System.out.println("sig:");
        System.out.println(demo.getSig());

        ret = demo.tls_check_signature_ex2(demo.getSig(), pubKey, "1400000267", "xiaojun");
        if (0 != ret) {
            System.out.println("ret " + ret + " " + demo.getErrMsg());
            System.exit(1);
        }
        System.out.println("--");
        System.out.println("verify ok -- expire time " + demo.getExpireTime()
                + " -- init time " + demo.getInitTime());
    }

    private static String readFile(String name) throws IOException {
        InputStream in = new FileInputStream(name);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return new String(out.toByteArray(), "UTF-8");
        } finally {
            in.close();
        }
    }
}
