package io.scatterguard.mail.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OurSideTest {

    @Test
    void domainsAndSubDomainsAreOurs() {
        OurSide us = OurSide.builder().domains(List.of(" Example.COM ", "")).build();
        assertThat(us.domains()).containsExactly("example.com");
        assertThat(us.isOurDomain("example.com")).isTrue();
        assertThat(us.isOurDomain("MAIL.example.com.")).isTrue();
        assertThat(us.isOurDomain("badexample.com")).isFalse();
        assertThat(us.isOurDomain("example.com.evil.example")).isFalse();
        assertThat(us.isOurDomain("")).isFalse();
        assertThat(us.isOurDomain(null)).isFalse();
    }

    @Test
    void defaultsAreCautious() {
        OurSide us = OurSide.builder().build();
        assertThat(us.weakRelayIsOurs()).isFalse();
        assertThat(us.batv()).isEmpty();
        assertThat(us.ledger()).isEmpty();
        assertThat(us.roleLocalParts()).contains("no-reply", "noreply", "dmarc-reports");
    }

    @Test
    void roleLocalPartsCanBeReplaced() {
        OurSide us = OurSide.builder().roleLocalParts(List.of("Reports")).build();
        assertThat(us.roleLocalParts()).containsExactly("reports");
    }
}
