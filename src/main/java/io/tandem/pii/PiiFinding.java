package io.tandem.pii;

/**
 * A record of one masked value, without the value: its type, its span {@code [start, end)} in the
 * original text (in UTF-16 chars, as {@link String#substring}), the token that replaced it, and a
 * salted hash of its canonical form, equal for equal values under the same salt.
 */
public record PiiFinding(PiiType type, int start, int end, String replacement, String valueHash) {}
