package io.scatterguard.gateway.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scanner clients' protocol handling against loopback peers that answer as spamd and clamd do
 * (their answers are taken from the daemons' documentation); the real daemons are exercised by the
 * integration test when installed.
 */
@Timeout(30)
class ScannerClientsTest {
    /** A one-shot peer: reads the request (until the client half-closes or the clamd end marker) and answers. */
    private static InetSocketAddress peer(Function<byte[], String> answer) throws IOException {
        ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (ss; Socket s = ss.accept()) {
                InputStream in = s.getInputStream();
                java.io.ByteArrayOutputStream req = new java.io.ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                int n;
                s.setSoTimeout(2000);
                try {
                    while ((n = in.read(buf)) > 0) {
                        req.write(buf, 0, n);
                        byte[] r = req.toByteArray();
                        if (r.length >= 4 && r[0] == 'z' && r[r.length - 1] == 0 && r[r.length - 2] == 0
                                && r[r.length - 3] == 0 && r[r.length - 4] == 0) break;
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // answer what we have
                }
                s.getOutputStream().write(answer.apply(req.toByteArray()).getBytes(StandardCharsets.US_ASCII));
            } catch (IOException ignored) {
                // test peer
            }
        });
        return new InetSocketAddress(ss.getInetAddress(), ss.getLocalPort());
    }

    private static final byte[] MSG = "Subject: test\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void spamdVerdictScoreAndSymbols() throws IOException {
        InetSocketAddress spamd = peer(req -> {
            assertThat(new String(req, StandardCharsets.US_ASCII)).startsWith("SYMBOLS SPAMC/1.5\r\nContent-length: " + MSG.length);
            return "SPAMD/1.1 0 EX_OK\r\nContent-length: 27\r\nSpam: True ; 15.5 / 5.0\r\n\r\nBAYES_99,URIBL_BLACK,MISSING_DATE";
        });
        SpamdClient.Result r = new SpamdClient(spamd, Duration.ofSeconds(5)).check(MSG);
        assertThat(r).isEqualTo(new SpamdClient.Result(true, 15.5, 5.0, List.of("BAYES_99", "URIBL_BLACK", "MISSING_DATE")));
    }

    @Test
    void spamdErrorsAreErrors() {
        assertThatThrownBy(() -> SpamdClient.parse(new ByteArrayInputStream("SPAMD/1.0 76 Bad header line\r\n".getBytes())))
                .hasMessageContaining("spamd error");
        assertThatThrownBy(() -> new SpamdClient(new InetSocketAddress("127.0.0.1", closedPort()), Duration.ofSeconds(2)).check(MSG))
                .isInstanceOf(IOException.class);
    }

    @Test
    void clamdCleanInfectedAndError() throws IOException {
        assertThat(new ClamdClient(peer(req -> "stream: OK\0"), Duration.ofSeconds(5)).scan(MSG)).isEmpty();
        assertThat(new ClamdClient(peer(req -> "stream: Eicar-Test-Signature FOUND\0"), Duration.ofSeconds(5)).scan(MSG))
                .contains("Eicar-Test-Signature");
        assertThatThrownBy(() -> new ClamdClient(peer(req -> "INSTREAM size limit exceeded. ERROR\0"), Duration.ofSeconds(5))
                .scan(MSG)).hasMessageContaining("size limit");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
