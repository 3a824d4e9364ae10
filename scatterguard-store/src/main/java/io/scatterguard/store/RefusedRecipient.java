package io.scatterguard.store;

/** A recipient refused at RCPT, with the reply it got (e.g. {@code 550 5.1.1 ...}). */
public record RefusedRecipient(String address, String reply) {}
