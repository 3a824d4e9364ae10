package io.scatterguard.mail.batv;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.batv.BatvAddress.Scheme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BatvAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            prvs=1123acc2b2=alice@example.com              | PRVS              | alice@example.com  | 1123acc2b2 | true
            <PRVS=1123ACC2B2=alice@example.com>            | PRVS              | alice@example.com  | 1123ACC2B2 | true
            alice+prvs=1123acc2b2@example.com              | PRVS_SUBADDRESS   | alice@example.com  | 1123acc2b2 | true
            alice+news+prvs=1123acc2b2@example.com         | PRVS_SUBADDRESS   | alice+news@example.com | 1123acc2b2 | true
            prvs=alice=1123acc2b2@example.com              | PRVS_LOCAL_FIRST  | alice@example.com  | 1123acc2b2 | true
            btv1==0b1a2c3d4e5==bob@example.net             | BARRACUDA_BTV1    | bob@example.net    | 0b1a2c3d4e5 | true
            msprvs1=18004hdaBZbQz=bounces-42@sp.example.net | SPARKPOST_MSPRVS1 | bounces-42@sp.example.net | 18004hdaBZbQz | true
            SRS0=HHH=TT=example.org=carol@fwd.example.net  | SRS0              | carol@example.org  | HHH=TT     | true
            srs0+HHH=TT=example.org=carol@fwd.example.net  | SRS0              | carol@example.org  | HHH=TT     | true
            SRS1=HHH=fwd1.example.net==HHH=TT=example.org=carol@fwd2.example.net | SRS1 | carol@example.org | HHH=fwd1.example.net | true
            alice@example.com                              | NONE              | alice@example.com  | ''         | true
            prvs=12=alice@example.com                      | PRVS              | alice@example.com  | 12         | false
            alice+prvs=zzz@example.com                     | PRVS_SUBADDRESS   | alice@example.com  | zzz        | false
            btv1==broken@example.net                       | BARRACUDA_BTV1    | btv1==broken@example.net | broken@example.net | false
            """)
    void recognisesTheForms(String input, Scheme scheme, String original, String tag, boolean wellFormed) {
        BatvAddress a = BatvAddress.parse(input);
        assertThat(a.scheme()).isEqualTo(scheme);
        assertThat(a.original()).isEqualTo(original);
        assertThat(a.wellFormed()).isEqualTo(wellFormed);
        if (wellFormed) assertThat(a.tag()).isEqualTo(tag);
    }

    @Test
    void verifiableTagFields() {
        BatvAddress a = BatvAddress.parse("prvs=1123ACC2B2=alice@example.com");
        assertThat(a.isVerifiable()).isTrue();
        assertThat(a.keyNumber()).isEqualTo(1);
        assertThat(a.expiryDay()).isEqualTo(123);
        assertThat(a.signature()).isEqualTo("acc2b2");
    }

    @Test
    void otherSchemesAreTaggedButNotVerifiable() {
        assertThat(BatvAddress.parse("prvs=alice=1123acc2b2@example.com").isVerifiable()).isFalse();
        assertThat(BatvAddress.parse("SRS0=HHH=TT=example.org=carol@fwd.example.net").isTagged()).isTrue();
        assertThat(BatvAddress.parse("alice@example.com").isTagged()).isFalse();
        assertThat(BatvAddress.parse("alice@example.com").keyNumber()).isEqualTo(-1);
    }

    @Test
    void nullSenderAndJunkAreUntagged() {
        assertThat(BatvAddress.parse("<>").scheme()).isEqualTo(Scheme.NONE);
        assertThat(BatvAddress.parse("").original()).isEmpty();
        assertThat(BatvAddress.parse(null).scheme()).isEqualTo(Scheme.NONE);
        assertThat(BatvAddress.parse("prvs=1123acc2b2=@").scheme()).isEqualTo(Scheme.NONE);
        assertThat(BatvAddress.parse("@example.com").scheme()).isEqualTo(Scheme.NONE);
    }

    @Test
    void formatsBothForms() {
        assertThat(BatvAddress.format(BatvAddress.Form.PREFIX, "1123acc2b2", "alice@example.com"))
                .isEqualTo("prvs=1123acc2b2=alice@example.com");
        assertThat(BatvAddress.format(BatvAddress.Form.SUBADDRESS, "1123acc2b2", "alice@example.com"))
                .isEqualTo("alice+prvs=1123acc2b2@example.com");
    }
}
