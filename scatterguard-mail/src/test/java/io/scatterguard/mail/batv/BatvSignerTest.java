package io.scatterguard.mail.batv;

import static io.scatterguard.mail.batv.BatvTestClocks.onDay;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatvSignerTest {
    private static final BatvKeyring RING = BatvKeyring.single(1, "batv-test-key");

    @Test
    void signsTheFirstPrimerVector() {
        // day 20116 ≡ 116 (mod 1000); + 7-day lifetime = expiry day 123
        BatvSigner signer = new BatvSigner(RING, 7, BatvAddress.Form.PREFIX, onDay(20_116));
        assertThat(signer.sign("alice@example.com")).isEqualTo("prvs=1123acc2b2=alice@example.com");
    }

    @Test
    void signsTheSecondPrimerVector() {
        BatvSigner signer = new BatvSigner(BatvKeyring.single(0, "s3cr3t"), 7, BatvAddress.Form.PREFIX, onDay(20_000));
        assertThat(signer.sign("<bob@example.org>")).isEqualTo("prvs=000768bb00=bob@example.org");
    }

    @Test
    void signsInTheSubaddressForm() {
        BatvSigner signer = new BatvSigner(RING, 7, BatvAddress.Form.SUBADDRESS, onDay(20_116));
        assertThat(signer.sign("alice@example.com")).isEqualTo("alice+prvs=1123acc2b2@example.com");
    }

    @Test
    void expiryDayWrapsAroundTheThousand() {
        BatvSigner signer = new BatvSigner(RING, 7, BatvAddress.Form.PREFIX, onDay(20_996));
        assertThat(signer.sign("alice@example.com")).startsWith("prvs=1003");
    }

    @Test
    void signsWithTheCurrentKeyOfARing() {
        BatvKeyring ring = BatvKeyring.builder().key(1, "old").key(2, "new").current(2).build();
        BatvSigner signer = new BatvSigner(ring, 7, BatvAddress.Form.PREFIX, onDay(20_116));
        assertThat(signer.sign("alice@example.com")).startsWith("prvs=2123");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "<>", "not-an-address", "@example.com", "alice@",
        "prvs=1123acc2b2=alice@example.com", "alice+prvs=1123acc2b2@example.com",
        "prvs=alice=1123acc2b2@example.com", "btv1==0b1a2c3d4e5==bob@example.net",
        "msprvs1=18004hdaBZbQz=bounces-42@sp.example.net", "SRS0=HHH=TT=example.org=carol@fwd.example.net",
        "SRS1=HHH=fwd.example.net==HHH=TT=example.org=carol@fwd2.example.net", "\"odd local\"@example.com"
    })
    void neverSignsWhatMustStayAsIs(String address) {
        BatvSigner signer = new BatvSigner(RING, 7, BatvAddress.Form.PREFIX, onDay(20_116));
        assertThat(signer.canSign(address)).isFalse();
        assertThat(signer.sign(address)).isEqualTo(address);
    }

    @Test
    void defaultsAreExims() {
        BatvSigner signer = new BatvSigner(RING);
        assertThat(signer.lifetimeDays()).isEqualTo(7);
        assertThat(signer.form()).isEqualTo(BatvAddress.Form.PREFIX);
        assertThat(signer.sign("alice@example.com")).matches("prvs=1\\d{3}[0-9a-f]{6}=alice@example\\.com");
    }
}
