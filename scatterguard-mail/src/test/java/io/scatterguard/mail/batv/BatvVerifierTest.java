package io.scatterguard.mail.batv;

import static io.scatterguard.mail.batv.BatvTestClocks.onDay;
import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.batv.BatvResult.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatvVerifierTest {
    private static final BatvKeyring RING = BatvKeyring.single(1, "batv-test-key");
    private static final String VECTOR = "prvs=1123acc2b2=alice@example.com";

    private static BatvVerifier on(long epochDay) {
        return new BatvVerifier(RING, 7, onDay(epochDay));
    }

    @Test
    void firstPrimerVectorIsValidWithinItsLifetime() {
        BatvResult r = on(20_116).verify(VECTOR);
        assertThat(r.status()).isEqualTo(Status.VALID);
        assertThat(r.original()).isEqualTo("alice@example.com");
        assertThat(r.isValid()).isTrue();
    }

    @Test
    void secondPrimerVectorIsValid() {
        BatvVerifier v = new BatvVerifier(BatvKeyring.single(0, "s3cr3t"), 7, onDay(20_003));
        assertThat(v.verify("prvs=000768bb00=bob@example.org").status()).isEqualTo(Status.VALID);
    }

    @ParameterizedTest(name = "day {0} -> {1}")
    @CsvSource({
        "20116, VALID",   // signed today: DDD − today = 7
        "20123, VALID",   // last day: DDD − today = 0
        "20124, EXPIRED", // one day late: (123 − 124 + 1000) mod 1000 = 999
        "20115, EXPIRED", // expiry more than a lifetime ahead: 8 > 7
        "21120, VALID",   // a thousand days later the window recurs (the scheme's known limit)
    })
    void lifetimeWindow(long day, Status expected) {
        assertThat(on(day).verify(VECTOR).status()).isEqualTo(expected);
    }

    @Test
    void windowWrapsAroundTheThousand() {
        BatvSigner signer = new BatvSigner(RING, 7, BatvAddress.Form.PREFIX, onDay(20_996));
        String tagged = signer.sign("alice@example.com");
        assertThat(on(20_999).verify(tagged).status()).isEqualTo(Status.VALID);
        assertThat(on(21_003).verify(tagged).status()).isEqualTo(Status.VALID);
        assertThat(on(21_004).verify(tagged).status()).isEqualTo(Status.EXPIRED);
    }

    @Test
    void acceptsUpperCaseHexAndPrefixAndDomain() {
        assertThat(on(20_116).verify("<PRVS=1123ACC2B2=alice@EXAMPLE.COM>").status()).isEqualTo(Status.VALID);
    }

    @Test
    void localPartIsSignedExactly() {
        assertThat(on(20_116).verify("prvs=1123acc2b2=Alice@example.com").status()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void badSignatureWinsOverExpiry() {
        assertThat(on(20_500).verify("prvs=1123acc2b3=alice@example.com").status()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void signatureCoversTheDay() {
        assertThat(on(20_116).verify("prvs=1122acc2b2=alice@example.com").status()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void unknownKeyNumber() {
        BatvResult r = on(20_116).verify("prvs=5123acc2b2=alice@example.com");
        assertThat(r.status()).isEqualTo(Status.UNKNOWN_KEY);
        assertThat(r.isInvalid()).isTrue();
    }

    @Test
    void verifiesTheSubaddressForm() {
        assertThat(on(20_116).verify("alice+prvs=1123acc2b2@example.com").status()).isEqualTo(Status.VALID);
        BatvSigner signer = new BatvSigner(RING, 7, BatvAddress.Form.SUBADDRESS, onDay(20_116));
        String tagged = signer.sign("alice+news@example.com");
        BatvResult r = on(20_118).verify(tagged);
        assertThat(r.status()).isEqualTo(Status.VALID);
        assertThat(r.original()).isEqualTo("alice+news@example.com");
    }

    @Test
    void previousKeysStillVerifyAfterRotation() {
        String old = new BatvSigner(RING, 7, BatvAddress.Form.PREFIX, onDay(20_116)).sign("alice@example.com");
        BatvKeyring rotated = BatvKeyring.builder().key(1, "batv-test-key").key(2, "fresh").current(2).build();
        BatvVerifier v = new BatvVerifier(rotated, 7, onDay(20_117));
        assertThat(v.verify(old).status()).isEqualTo(Status.VALID);
        String fresh = new BatvSigner(rotated, 7, BatvAddress.Form.PREFIX, onDay(20_117)).sign("alice@example.com");
        assertThat(v.verify(fresh).status()).isEqualTo(Status.VALID);
        assertThat(fresh).startsWith("prvs=2");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            alice@example.com                                | NOT_TAGGED  | alice@example.com
            <>                                               | NOT_TAGGED  | ''
            prvs=12=alice@example.com                        | MALFORMED   | alice@example.com
            alice+prvs=nothex@example.com                    | MALFORMED   | alice@example.com
            prvs=alice=1123acc2b2@example.com                | FOREIGN_TAG | alice@example.com
            btv1==0b1a2c3d4e5==bob@example.net               | FOREIGN_TAG | bob@example.net
            msprvs1=18004hdaBZbQz=bounces-42@sp.example.net  | FOREIGN_TAG | bounces-42@sp.example.net
            SRS0=HHH=TT=example.org=carol@fwd.example.net    | FOREIGN_TAG | carol@example.org
            """)
    void untaggedMalformedAndForeign(String address, Status status, String original) {
        BatvResult r = on(20_116).verify(address);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.original()).isEqualTo(original);
    }

    @Test
    void signerAndVerifierRoundTripOnManyAddresses() {
        BatvSigner signer = new BatvSigner(RING, 10, BatvAddress.Form.PREFIX, onDay(30_000));
        BatvVerifier v = new BatvVerifier(RING, 10, onDay(30_005));
        for (String a : new String[] {"x@y.z", "first.last@sub.example.com", "a+b@c.d", "UPPER@Example.COM"}) {
            assertThat(v.verify(signer.sign(a)).status()).as(a).isEqualTo(Status.VALID);
        }
    }
}
