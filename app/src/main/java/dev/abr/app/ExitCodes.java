package dev.abr.app;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.ErrorKind;

/** Exit codes of the {@code abr} command. */
final class ExitCodes {
  /** The job succeeded. */
  static final int OK = 0;

  /** Bad input: the file, a document, a limit. */
  static final int INPUT = 2;

  /** A dependency (Kafka, storage) failed. */
  static final int EXTERNAL = 3;

  /** A bug or an internal invariant. */
  static final int INTERNAL = 4;

  /** Bad command-line usage (picocli's own). */
  static final int USAGE = 64;

  private ExitCodes() {}

  static int forCode(ErrorCode code) {
    ErrorKind kind = code.kind();
    return switch (kind) {
      case INPUT -> INPUT;
      case EXTERNAL, RESOURCES -> EXTERNAL;
      case INTERNAL -> INTERNAL;
    };
  }
}
