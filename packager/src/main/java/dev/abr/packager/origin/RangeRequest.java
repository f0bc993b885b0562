package dev.abr.packager.origin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a GET with a {@code Range} header asks for (RFC 9110 §14): the whole object, one satisfiable
 * range, or nothing satisfiable. Only single byte ranges are served as 206; a multi-range request
 * gets the whole object (RFC 9110 §14.2 lets a server ignore {@code Range}).
 */
sealed interface RangeRequest {
  Pattern SINGLE_RANGE = Pattern.compile("bytes=\\s*(\\d*)-(\\d*)\\s*");

  /** Serve the whole object with 200. */
  record Whole() implements RangeRequest {}

  /**
   * Serve bytes {@code firstByte..lastByte} (inclusive) with 206.
   *
   * @param firstByte first byte offset
   * @param lastByte last byte offset, at least {@code firstByte}, below the length
   */
  record Partial(long firstByte, long lastByte) implements RangeRequest {
    /** Number of bytes served. */
    long lengthBytes() {
      return lastByte - firstByte + 1;
    }
  }

  /** Answer 416 with {@code Content-Range: bytes *}{@code /length}. */
  record Unsatisfiable() implements RangeRequest {}

  /**
   * Decides how to answer {@code rangeHeader} (null when absent) for an object of {@code
   * lengthBytes}. A header that does not parse as one byte range is ignored (RFC 9110 §14.2).
   */
  static RangeRequest parse(@Nullable String rangeHeader, long lengthBytes) {
    if (rangeHeader == null) {
      return new Whole();
    }
    Matcher m = SINGLE_RANGE.matcher(rangeHeader);
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return new Whole();
    }
    try {
      if (m.group(1).isEmpty()) {
        // RFC 9110 §14.1.2: suffix-range "-n" means the last n bytes; "-0" is unsatisfiable.
        long suffixBytes = Long.parseLong(m.group(2));
        if (suffixBytes == 0 || lengthBytes == 0) {
          return new Unsatisfiable();
        }
        return new Partial(Math.max(0, lengthBytes - suffixBytes), lengthBytes - 1);
      }
      long first = Long.parseLong(m.group(1));
      if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
        // RFC 9110 §14.1.1: last-pos < first-pos makes the range-spec invalid, so it is ignored.
        return new Whole();
      }
      // RFC 9110 §14.1.1: a first-pos at or past the end is unsatisfiable.
      if (first >= lengthBytes) {
        return new Unsatisfiable();
      }
      long last = m.group(2).isEmpty() ? lengthBytes - 1 : Long.parseLong(m.group(2));
      return new Partial(first, Math.min(last, lengthBytes - 1));
    } catch (NumberFormatException e) {
      // More digits than a long holds: not a range we can serve; treat as absent.
      return new Whole();
    }
  }
}
