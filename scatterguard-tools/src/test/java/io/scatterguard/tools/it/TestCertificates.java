package io.scatterguard.tools.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away self-signed server certificate for tests that need STARTTLS, made with the JDK's
 * own keytool (no OpenSSL needed): as a PKCS#12 store for Java servers, and as PEM files for Postfix.
 */
public final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final Path store;

    private TestCertificates(Path store) {
        this.store = store;
    }

    /** Generates an EC P-256 key and certificate for {@code hostName} in {@code dir}. */
    public static TestCertificates generate(Path dir, String hostName) throws IOException, InterruptedException {
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + hostName, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("keytool failed: " + out);
        return new TestCertificates(store);
    }

    /** A server-side TLS context with the certificate. */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(), PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** Writes {@code cert.pem} and {@code key.pem} (PKCS#8) into {@code dir}, as Postfix's smtpd_tls_*_file want them. */
    public void writePem(Path cert, Path key) throws IOException, GeneralSecurityException {
        KeyStore ks = load();
        Certificate c = ks.getCertificate("smtp");
        Key k = ks.getKey("smtp", PASSWORD);
        Files.writeString(cert, pem("CERTIFICATE", c.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", k.getEncoded()));
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
