package io.laminar.exec;

/** A record a source could not decode: where it came from, why, and the original text. */
public record DeadLetter(String source, String origin, String reason, String originalText, long timeMillis) {}
