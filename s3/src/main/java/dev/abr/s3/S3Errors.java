package dev.abr.s3;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into the {@link IOException}s of the storage SPI, with one-line messages
 * that name the call, the object and what S3 answered. The SDK never puts credentials in its
 * messages (the secret never leaves the process; only signatures do), and neither do we.
 */
final class S3Errors {
  private static final int MAX_DETAIL_CHARS = 300;

  private S3Errors() {}

  /** An {@link IOException} for a failed call {@code action} (e.g. "PutObject") on {@code what}. */
  static IOException failure(String action, String what, SdkException e) {
    Integer attempts = e.numAttempts();
    String tries = attempts == null || attempts <= 1 ? "" : " after " + attempts + " attempts";
    return new IOException(
        "S3 " + action + " of " + what + " failed" + tries + ": " + detail(e), e);
  }

  /** What went wrong, in one line: the HTTP status and S3 error code, or the client failure. */
  static String detail(SdkException e) {
    if (e instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String message = details == null ? null : details.errorMessage();
      return service.statusCode()
          + (code == null ? "" : " " + code)
          + (message == null || message.isBlank() ? "" : ": " + clip(message));
    }
    if (e instanceof ApiCallTimeoutException) {
      return "no answer within the call timeout (" + clip(e.getMessage()) + ")";
    }
    return oneLine(e);
  }

  /** The HTTP status of a service error, or 0 for client-side failures. */
  static int status(SdkException e) {
    return e instanceof AwsServiceException service ? service.statusCode() : 0;
  }

  /** The exception and its deepest cause as one line, e.g. for "Connection refused". */
  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (root != e) {
      text += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return clip(text);
  }

  private static String clip(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_DETAIL_CHARS ? line : line.substring(0, MAX_DETAIL_CHARS) + "...";
  }
}
