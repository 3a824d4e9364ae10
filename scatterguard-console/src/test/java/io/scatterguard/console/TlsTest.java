package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.tls.TlsContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** console.tls: HTTPS with the gateway's certificate; the session cookie is then Secure and __Host- prefixed. */
class TlsTest extends ConsoleTestBase {

    @Override
    ConsoleSettings settings() {
        return ConsoleSettings.loopback(0).withTls(true);
    }

    @Override
    Console.Builder configure(Console.Builder b) {
        try {
            return b.tls(TlsContexts.selfSigned(dir.resolve("tls"), "localhost"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void servesHttpsWithSecureCookiesAndHsts() throws Exception {
        assertThat(console.uri().getScheme()).isEqualTo("https");
        URI base = URI.create("https://localhost:" + console.port() + "/");
        HttpClient http = HttpClient.newBuilder().sslContext(trusting()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        String nonce = ConsoleClient.csrfOf(login.body());
        String nonceCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(nonceCookie).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", nonceCookie.substring(0, nonceCookie.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password=" + PASSWORD.replace(" ", "+")
                        + "&_csrf=" + java.net.URLEncoder.encode(nonce, java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(303);
        assertThat(signIn.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("__Host-sg_session=")
                .contains("; Path=/").contains("; Secure").contains("; HttpOnly").contains("; SameSite=Strict"));
    }

    /** Trusts the certificate the console was given (it is self-signed), nothing else. */
    private SSLContext trusting() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        char[] password = java.nio.file.Files.readString(dir.resolve("tls/selfsigned.pass")).strip().toCharArray();
        try (var in = java.nio.file.Files.newInputStream(dir.resolve("tls/selfsigned.p12"))) {
            ks.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("console", (X509Certificate) ks.getCertificate("smtp"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
