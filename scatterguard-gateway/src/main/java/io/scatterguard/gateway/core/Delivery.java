package io.scatterguard.gateway.core;

import io.scatterguard.mail.model.Reply;
import java.util.List;

/**
 * Where accepted mail goes. The reply it returns is the client's final answer, so an
 * implementation answers 250 only once the message is durably somewhere, and 4xx otherwise.
 */
public interface Delivery {
    Reply deliver(byte[] message, String sender, List<String> recipients);
}
