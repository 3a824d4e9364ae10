package io.scatterguard.gateway.check;

import java.net.InetAddress;

/**
 * The connected client as checks see it.
 *
 * @param address   its IP address
 * @param heloName  the HELO/EHLO name ("" before HELO)
 * @param tls       whether the session is encrypted
 */
public record Client(InetAddress address, String heloName, boolean tls) {}
