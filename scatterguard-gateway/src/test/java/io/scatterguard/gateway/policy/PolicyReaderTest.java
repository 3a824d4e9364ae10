package io.scatterguard.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyReaderTest {
    private static PolicyReader reader(String text) {
        return new PolicyReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsSeveralRequestsOfOneConnection() throws IOException {
        PolicyReader r = reader("request=smtpd_access_policy\nprotocol_state=RCPT\nsender=\nrecipient=a@example.com\n"
                + "recipient_count=0\n\nrequest=smtpd_access_policy\nprotocol_state=DATA\nrecipient_count=2\n"
                + "ccert_subject=CN=x,O=y\n\n");
        PolicyRequest first = r.read();
        assertThat(first.protocolState()).isEqualTo("RCPT");
        assertThat(first.sender()).isEmpty();
        assertThat(first.recipient()).isEqualTo("a@example.com");
        assertThat(first.recipientCount()).isZero();
        PolicyRequest second = r.read();
        assertThat(second.recipientCount()).isEqualTo(2);
        assertThat(second.get("ccert_subject")).isEqualTo("CN=x,O=y"); // only the first '=' separates
        assertThat(second.saslUsername()).isEmpty();
        assertThat(r.read()).isNull();
    }

    @Test
    void toleratesCrlfAndBlankLinesBetweenRequests() throws IOException {
        PolicyReader r = reader("\r\nrequest=smtpd_access_policy\r\nrecipient_count=x\r\n\r\n");
        PolicyRequest q = r.read();
        assertThat(q.request()).isEqualTo("smtpd_access_policy");
        assertThat(q.recipientCount()).isZero();
        assertThat(r.read()).isNull();
    }

    @Test
    void aConnectionClosedInsideARequestIsAProtocolError() {
        assertThatThrownBy(() -> reader("request=smtpd_access_policy\nsender=").read())
                .isInstanceOf(PolicyProtocolException.class).hasMessageContaining("in the middle of a request (after 1 lines)");
    }

    @Test
    void linesWithoutNameAndValueAreRefused() {
        assertThatThrownBy(() -> reader("hello there\n\n").read()).hasMessage("not a name=value line: 'hello there'");
        assertThatThrownBy(() -> reader("=value\n\n").read()).hasMessageContaining("not a name=value line");
    }

    @Test
    void limitsAreEnforcedBeforeReadingOn() {
        assertThatThrownBy(() -> reader("a=" + "x".repeat(PolicyReader.MAX_LINE) + "\n\n").read())
                .hasMessage("line longer than 8192 bytes in a request");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= PolicyReader.MAX_ATTRIBUTES; i++) many.append("a").append(i).append("=1\n");
        assertThatThrownBy(() -> reader(many + "\n").read()).hasMessage("more than 256 attributes in a request");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20; i++) big.append("a").append(i).append('=').append("y".repeat(4000)).append('\n');
        assertThatThrownBy(() -> reader(big + "\n").read()).hasMessage("request larger than 65536 bytes");
    }
}
