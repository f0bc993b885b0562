package dev.abr.s3;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a job's media file is, as written in the job ({@code input} of {@code
 * schemas/job-submitted.v1.schema.json}): a path on the ingest host's file system, or an object in
 * S3 or an S3-compatible server, {@code s3://bucket/key} with the same {@code endpoint}, {@code
 * pathStyle} and {@code region} parameters as a storage URL ({@link StorageLocation#parse}).
 *
 * <p>Neither the text nor any message derived from it carries credentials: S3 credentials come from
 * the AWS default chain of the process that reads the object.
 */
public sealed interface InputLocation permits LocalInput, S3Input {
  /** A URL scheme: letters, digits, {@code + . -}, then {@code ://}. */
  Pattern URL_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://.*", Pattern.DOTALL);

  /**
   * Parses a job input.
   *
   * <ul>
   *   <li>{@code /media/clip.mp4}, {@code clip.mp4}: a local file ({@link LocalInput}); a relative
   *       path is resolved by the process that opens it.
   *   <li>{@code s3://bucket/path/to/clip.mp4}, optionally with {@code ?endpoint=...&pathStyle=...&
   *       region=...}: an S3 object ({@link S3Input}).
   * </ul>
   *
   * @throws IllegalArgumentException with a one-line message naming the bad part and the fix (never
   *     echoing user info or parameter values): empty text, control characters, another URL scheme,
   *     or a bad S3 URL
   */
  static InputLocation parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(
          "input is empty: give a media file path or s3://bucket/key");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("input must not contain control characters");
    }
    Matcher url = URL_SCHEME.matcher(trimmed);
    if (!url.matches()) {
      return new LocalInput(trimmed);
    }
    String scheme = url.group(1).toLowerCase(Locale.ROOT);
    if (!scheme.equals("s3")) {
      throw new IllegalArgumentException(
          "unsupported input URL scheme \""
              + scheme
              + "\": give a media file path or s3://bucket/key");
    }
    return S3Input.parse(trimmed);
  }

  /** The input as a job carries it: the path as given, or the S3 URL with its parameters. */
  String text();

  /**
   * Describes the input for messages and logs: the path, or {@code s3://bucket/key (host)}; never a
   * secret.
   */
  String describe();
}
