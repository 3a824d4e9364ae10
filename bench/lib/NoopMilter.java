import io.scatterguard.gateway.milter.FilterReply;
import io.scatterguard.gateway.milter.Macros;
import io.scatterguard.gateway.milter.MilterFilter;
import io.scatterguard.gateway.milter.MilterSession;
import io.scatterguard.gateway.milter.MtaCommand;
import io.scatterguard.gateway.milter.Negotiated;
import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.net.StreamServer;
import java.time.Duration;
import java.util.List;

/**
 * A milter that answers "continue" to everything, on the same protocol engine as `scatterguard
 * milter`: the cost of having a milter at all, for the milter-throughput bench to compare against.
 * Usage: java -cp scatterguard.jar NoopMilter.java HOST:PORT
 */
public class NoopMilter {
    public static void main(String[] args) throws Exception {
        MilterFilter.Factory filters = new MilterFilter.Factory() {
            @Override
            public MilterFilter open(String id, Negotiated n) {
                return new MilterFilter() {
                    public FilterReply connect(MtaCommand.Connect c, Macros m) { return new FilterReply.Continue(); }
                    public FilterReply helo(String name, Macros m) { return new FilterReply.Continue(); }
                    public FilterReply mail(List<String> a, Macros m) { return new FilterReply.Continue(); }
                    public FilterReply rcpt(List<String> a, Macros m) { return new FilterReply.Continue(); }
                    public FilterReply data(Macros m) { return new FilterReply.Continue(); }
                    public void header(String name, String value) {}
                    public void endOfHeaders() {}
                    public void body(byte[] chunk) {}
                    public EndOfMessage endOfMessage(Macros m) { return new EndOfMessage(List.of(), new FilterReply.Continue()); }
                    public void abort() {}
                    public void close() {}
                };
            }
        };
        new StreamServer("noop-milter", ListenAddress.parse(args[0]), 2000, Duration.ofMinutes(5),
                c -> new MilterSession(c.id(), c.in(), c.out(), filters, Duration.ofSeconds(10), c::touch).run());
        Thread.currentThread().join();
    }
}
