package io.scatterguard.gateway.spf;

import java.util.Locale;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.SPF;

/**
 * SPF on Apache James jSPF, with DNS through the given service. jSPF still asks for the SPF RR type
 * that RFC 7208 §3.1 retired; the wrapper answers those queries with nothing, so only TXT records
 * count, as the RFC requires. Known deviations from the RFC 7208 test suite are listed in
 * {@code Rfc7208SuiteTest}.
 */
public final class JSpfEvaluator implements SpfEvaluator {
    private final SPF spf;

    public JSpfEvaluator(DNSService dns) {
        this.spf = new SPF(new TxtOnly(dns));
    }

    /** Hides type-SPF answers (RFC 7208 §3.1: "SPF records MUST be published as a DNS TXT type RR"). */
    private record TxtOnly(DNSService dns) implements DNSService {
        @Override
        public java.util.List<String> getRecords(DNSRequest r) throws TimeoutException {
            return r.getRecordType() == DNSRequest.SPF ? null : dns.getRecords(r);
        }

        @Override
        public java.util.concurrent.CompletionStage<java.util.List<String>> getRecordsAsync(DNSRequest r) {
            return r.getRecordType() == DNSRequest.SPF ? java.util.concurrent.CompletableFuture.completedFuture(null)
                    : dns.getRecordsAsync(r);
        }

        @Override
        public java.util.List<String> getLocalDomainNames() {
            return dns.getLocalDomainNames();
        }

        @Override
        public void setTimeOut(int t) {
            dns.setTimeOut(t);
        }

        @Override
        public int getRecordLimit() {
            return dns.getRecordLimit();
        }

        @Override
        public void setRecordLimit(int l) {
            dns.setRecordLimit(l);
        }
    }

    @Override
    public Result evaluate(String ip, String mailFrom, String helo) {
        SPFResult r = spf.checkSPF(ip, mailFrom, helo);
        return switch (r.getResult().toLowerCase(Locale.ROOT)) {
            case "pass" -> Result.PASS;
            case "fail" -> Result.FAIL;
            case "softfail" -> Result.SOFTFAIL;
            case "neutral" -> Result.NEUTRAL;
            case "none" -> Result.NONE;
            case "temperror", "error" -> Result.TEMPERROR;
            default -> Result.PERMERROR;
        };
    }
}
