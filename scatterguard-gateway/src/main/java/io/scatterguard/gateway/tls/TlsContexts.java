package io.scatterguard.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Server TLS contexts for STARTTLS: from a configured PKCS#12 keystore, or from a self-signed
 * certificate generated on first start and kept in the data directory (with a random password in
 * a file beside it, both readable by the owner only). Opportunistic SMTP TLS does not verify server
 * certificates (RFC 3207 §4.1), so a self-signed one still encrypts every session.
 */
public final class TlsContexts {
    private TlsContexts() {}

    public static SSLContext fromPkcs12(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        return context(ks, password);
    }

    /** Loads {@code dir/selfsigned.p12}, creating it (and its password file) first if missing. */
    public static SSLContext selfSigned(Path dir, String hostName) throws IOException, GeneralSecurityException {
        Path store = dir.resolve("selfsigned.p12");
        Path pass = dir.resolve("selfsigned.pass");
        if (!Files.exists(store) || !Files.exists(pass)) generate(store, pass, hostName);
        return fromPkcs12(store, Files.readString(pass).strip().toCharArray());
    }

    private static void generate(Path store, Path passFile, String hostName) throws IOException, GeneralSecurityException {
        Files.createDirectories(store.getParent());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        char[] password = HexFormat.of().formatHex(random).toCharArray();
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        KeyPair kp = gen.generateKeyPair();
        X500Name name = new X500Name("CN=" + hostName.replaceAll("[,=+<>#;\"\\\\]", "_"));
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic());
        try {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, hostName)));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("smtp", kp.getPrivate(), password, new X509Certificate[] {cert});
            writePrivately(passFile, new String(password).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try (OutputStream out = Files.newOutputStream(store)) {
                ks.store(out, password);
            }
            restrict(store);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the self-signed certificate", e);
        }
    }

    private static void writePrivately(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        restrict(file);
        Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system; the data directory's own permissions apply
        }
    }

    private static SSLContext context(KeyStore ks, char[] password) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }
}
