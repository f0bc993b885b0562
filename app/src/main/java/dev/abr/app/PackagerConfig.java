package dev.abr.app;

import dev.abr.s3.StorageLocation;

/**
 * The configuration of {@code abr packager}.
 *
 * @param process Kafka, drain grace, topics and ops server
 * @param storage the work store, where rendition fragments are read
 * @param output the output store, where segments and manifests are published
 */
record PackagerConfig(
    WorkerProcessConfig process, StorageLocation storage, StorageLocation output) {
  /** The default drain grace of the packager, in seconds. */
  static final int DEFAULT_DRAIN_GRACE_SECONDS = 20;
}
