package dev.abr.core.error;

/** Who is at fault, which decides whether a failure is retried. */
public enum ErrorKind {
  /** The input is bad; retrying cannot help. */
  INPUT,
  /** A bug or an invariant broken in our code; never retried. */
  INTERNAL,
  /** The worker is short of resources; another try (maybe elsewhere) may work. */
  RESOURCES,
  /** A dependency (storage, Kafka) failed; retried with back-off. */
  EXTERNAL
}
