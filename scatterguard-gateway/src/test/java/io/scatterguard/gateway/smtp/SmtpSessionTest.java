package io.scatterguard.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.model.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Golden transcripts against a real server on loopback: client lines in, server replies out. */
@Timeout(30)
class SmtpSessionTest {
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private SmtpServer server;

    /** Accepts everything except the recipient "nobody@", and refuses the null sender with several recipients. */
    private final SmtpHandler.Factory handlers = session -> new SmtpHandler() {
        @Override
        public Optional<Reply> rcpt(Session s, String recipient) {
            return recipient.startsWith("nobody@")
                    ? Optional.of(Reply.of(550, "5.1.1", "<" + recipient + ">: Recipient address rejected: User unknown"))
                    : Optional.empty();
        }

        @Override
        public Optional<Reply> data(Session s) {
            return s.sender().isEmpty() && s.recipients().size() > 1
                    ? Optional.of(Reply.of(550, "5.7.1", "Null sender with more than one recipient"))
                    : Optional.empty();
        }

        @Override
        public Reply message(Session s, byte[] content) {
            delivered.add(new String(content, StandardCharsets.UTF_8));
            return Reply.of(250, "2.0.0", "Ok: queued");
        }
    };

    @BeforeEach
    void start() throws IOException {
        SmtpSettings settings = new SmtpSettings("mx.test", 10_000, 3, 510, 5, 100, Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofMillis(100));
        server = new SmtpServer(new InetSocketAddress("127.0.0.1", 0), settings, tlsContext(), handlers, 10, 4);
    }

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path tlsDir;

    private static javax.net.ssl.SSLContext tlsContext() throws IOException {
        try {
            return io.scatterguard.gateway.tls.TlsContexts.selfSigned(tlsDir, "mx.test");
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Sends the raw bytes (all at once: a pipelining client) and returns every reply line until the server closes. */
    private List<String> converse(String wire, boolean waitForGreeting) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            if (waitForGreeting) lines.add(r.readLine());
            OutputStream o = s.getOutputStream();
            o.write(wire.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            String l;
            while ((l = r.readLine()) != null) lines.add(l);
            return lines;
        }
    }

    @Test
    void pipelinedTransactionWithAnUnknownRecipientRefusedAtRcpt() throws IOException {
        List<String> replies = converse("EHLO client.test\r\nMAIL FROM:<alice@example.com> SIZE=100\r\n"
                + "RCPT TO:<nobody@example.org>\r\nRCPT TO:<bob@example.org>\r\nDATA\r\n"
                + "Subject: hi\r\n\r\n..dot\r\n.\r\nQUIT\r\n", true);
        assertThat(replies).containsExactly(
                "220 mx.test ESMTP Scatterguard",
                "250-mx.test", "250-PIPELINING", "250-SIZE 10000", "250-8BITMIME",
                "250-SMTPUTF8", "250-ENHANCEDSTATUSCODES", "250 STARTTLS",
                "250 2.1.0 Ok",
                "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown",
                "250 2.1.5 Ok",
                "354 End data with <CR><LF>.<CR><LF>",
                "250 2.0.0 Ok: queued",
                "221 2.0.0 Bye");
        assertThat(delivered).containsExactly("Subject: hi\r\n\r\n.dot\r\n");
    }

    @Test
    void smugglingAttemptIsOneRefusedMessageNotTwo() throws IOException {
        List<String> replies = converse("HELO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n"
                + "Subject: one\r\n\r\nbody\n.\nMAIL FROM:<admin@example.org>\r\nRCPT TO:<victim@example.org>\r\nDATA\r\n"
                + "Subject: smuggled\r\n\r\nx\r\n.\r\nQUIT\r\n", true);
        assertThat(replies).contains("550 5.6.0 Error: bare CR or LF in message data; lines must end with CRLF");
        assertThat(delivered).isEmpty();
    }

    @Test
    void nullSenderWithTwoRecipientsIsRefusedBeforeData() throws IOException {
        List<String> replies = converse("EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nQUIT\r\n", true);
        assertThat(replies).contains("550 5.7.1 Null sender with more than one recipient");
        assertThat(delivered).isEmpty();
    }

    @Test
    void talkingBeforeTheGreetingIsRefused() throws IOException {
        List<String> replies = converse("EHLO eager\r\n", false);
        assertThat(replies).containsExactly("554 5.5.1 mx.test Error: talked before the greeting; bye");
    }

    @Test
    void limitsAndOrder() throws IOException {
        List<String> replies = converse("MAIL FROM:<a@example.com>\r\nEHLO c\r\nRCPT TO:<x@example.org>\r\n"
                + "MAIL FROM:<a@example.com> SIZE=999999\r\nMAIL FROM:<a@example.com>\r\n"
                + "RCPT TO:<1@example.org>\r\nRCPT TO:<2@example.org>\r\nRCPT TO:<3@example.org>\r\nRCPT TO:<4@example.org>\r\n"
                + "VRFY root\r\nQUIT\r\n", true);
        assertThat(replies).contains("503 5.5.1 Error: send HELO/EHLO first", "503 5.5.1 Error: need MAIL command",
                "552 5.3.4 Message size exceeds fixed limit", "452 4.5.3 Error: too many recipients",
                "252 2.5.0 Cannot VRFY user; send mail and we will try");
    }

    @Test
    void tooManyErrorsEndTheSession() throws IOException {
        List<String> replies = converse("BOGUS\r\nBOGUS\r\nBOGUS\r\nBOGUS\r\nBOGUS\r\nNOOP\r\n", true);
        assertThat(replies).last().isEqualTo("421 4.7.0 mx.test Error: too many errors");
        assertThat(replies).doesNotContain("250 2.0.0 Ok");
    }

    @Test
    void bareLineFeedInACommandIsRefused() throws IOException {
        List<String> replies = converse("EHLO c\nQUIT\r\n", true);
        assertThat(replies).contains("500 5.5.2 Error: bare CR or LF in a command; lines must end with CRLF");
    }

    @Test
    void tooManyConnectionsFromOneClientGet421() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                held.add(s);
                new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            }
            try (Socket fifth = new Socket("127.0.0.1", server.port())) {
                String greeting = new BufferedReader(new InputStreamReader(fifth.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(greeting).startsWith("421 4.7.0");
            }
        } finally {
            for (Socket s : held) s.close();
        }
    }

    /** STARTTLS with plaintext pipelined behind it: the injected command must not run inside TLS. */
    @Test
    void startTlsDiscardsInjectedPlaintextAndStartsOver() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream o = s.getOutputStream();
            assertThat(r.readLine()).startsWith("220 ");
            o.write("EHLO c\r\n".getBytes(StandardCharsets.US_ASCII));
            String l;
            while (!(l = r.readLine()).startsWith("250 ")) { /* EHLO lines */ }
            o.write("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            assertThat(r.readLine()).isEqualTo("220 2.0.0 Ready to start TLS");
            javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
            trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) trustAll.getSocketFactory()
                    .createSocket(s, "127.0.0.1", server.port(), true);
            ssl.startHandshake();
            BufferedReader tr = new BufferedReader(new InputStreamReader(ssl.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream to = ssl.getOutputStream();
            to.write("MAIL FROM:<a@example.com>\r\n".getBytes(StandardCharsets.US_ASCII));
            to.flush();
            assertThat(tr.readLine()).isEqualTo("503 5.5.1 Error: send HELO/EHLO first"); // state was reset
            to.write("EHLO c\r\n".getBytes(StandardCharsets.US_ASCII));
            to.flush();
            List<String> ehlo = new ArrayList<>();
            do {
                l = tr.readLine();
                ehlo.add(l);
            } while (l.startsWith("250-"));
            assertThat(ehlo).noneMatch(x -> x.contains("STARTTLS"));
            to.write("MAIL FROM:<a@example.com>\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            to.flush();
            assertThat(tr.readLine()).isEqualTo("250 2.1.0 Ok"); // not "nested MAIL": the injected one never ran
        }
    }

    /** A client that connects and goes quiet, or stops in the middle of DATA, is timed out and nothing is kept. */
    @Test
    void idleAndStalledClientsAreTimedOut() throws Exception {
        SmtpSettings impatient = new SmtpSettings("mx.test", 10_000, 3, 510, 5, 100, Duration.ofMillis(500),
                Duration.ofSeconds(20), Duration.ZERO);
        try (SmtpServer quick = new SmtpServer(new InetSocketAddress("127.0.0.1", 0), impatient, null, handlers, 10, 4);
                Socket s = new Socket("127.0.0.1", quick.port())) {
            s.setSoTimeout(5_000);
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(r.readLine()).startsWith("220 ");
            OutputStream o = s.getOutputStream();
            o.write("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nSubject: half\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            o.flush();
            String l;
            String last = null;
            while ((l = r.readLine()) != null) last = l;
            assertThat(last).isEqualTo("421 4.4.2 mx.test Error: timeout exceeded");
        }
        assertThat(delivered).isEmpty();
    }
}
