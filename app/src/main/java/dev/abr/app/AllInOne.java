package dev.abr.app;

import dev.abr.broker.EmbeddedKafka;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.WorkerSettings;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.ObjectStore;
import dev.abr.ingest.role.IngestRole;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.media.EncoderThreads;
import dev.abr.packager.stream.PackagerRole;
import dev.abr.s3.S3Options;
import dev.abr.transcoder.TranscoderRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded default: a single-node KRaft broker in this JVM, a local folder as the work store,
 * and the three roles (ingest, transcoder, packager) as real Kafka clients of that broker. Nothing
 * in memory stands in for Kafka or storage: the roles talk over loopback exactly as separate
 * processes would.
 */
final class AllInOne implements AutoCloseable {
  private final EmbeddedKafka kafka;
  private final StartupTimings timings;
  private final IngestRole ingest;
  private final TranscoderRole transcoder;
  private final PackagerRole packager;

  private AllInOne(
      EmbeddedKafka kafka,
      IngestRole ingest,
      TranscoderRole transcoder,
      PackagerRole packager,
      StartupTimings timings) {
    this.kafka = kafka;
    this.timings = timings;
    this.ingest = ingest;
    this.transcoder = transcoder;
    this.packager = packager;
  }

  /**
   * Starts everything under {@code workDir} ({@code kafka/}, {@code store/}, {@code tmp/});
   * packages are written to {@code output}.
   */
  static AllInOne start(
      Path workDir,
      ObjectStore output,
      MeterRegistry registry,
      Clock clock,
      int transcoderConcurrency,
      IngestSettings ingestSettings) {
    return start(
        workDir,
        output,
        registry,
        clock,
        transcoderConcurrency,
        TranscoderRole.defaultThreads(transcoderConcurrency),
        ingestSettings,
        S3Options.defaults());
  }

  /**
   * Starts everything like {@link #start(Path, ObjectStore, MeterRegistry, Clock, int,
   * IngestSettings)}; each rendition's encoder gets {@code encoderThreads} threads, and ingest
   * reads {@code s3://} inputs with {@code inputOptions}.
   */
  static AllInOne start(
      Path workDir,
      ObjectStore output,
      MeterRegistry registry,
      Clock clock,
      int transcoderConcurrency,
      EncoderThreads encoderThreads,
      IngestSettings ingestSettings,
      S3Options inputOptions) {
    StartupTimings timings = new StartupTimings();
    EmbeddedKafka kafka = EmbeddedKafka.start(workDir.resolve("kafka"));
    timings.brokerReady = System.nanoTime();
    try {
      String bootstrap = kafka.bootstrapServers();
      KafkaTopics.ensure(bootstrap, KafkaTopics.defaults(), Duration.ofSeconds(60));
      timings.topicsReady = System.nanoTime();
      LocalObjectStore work = new LocalObjectStore(workDir.resolve("store"));
      Path temp = Files.createDirectories(workDir.resolve("tmp"));
      PackagerRole packager =
          PackagerRole.start(
              WorkerSettings.of(bootstrap, "packager-1"), work, output, registry, clock);
      TranscoderRole transcoder =
          TranscoderRole.start(
              WorkerSettings.of(bootstrap, "transcoder-1"),
              work,
              registry,
              clock,
              transcoderConcurrency,
              encoderThreads,
              timings.firstChunkListener());
      IngestRole ingest =
          IngestRole.start(
              WorkerSettings.of(bootstrap, "ingest-1"),
              work,
              temp,
              registry,
              clock,
              ingestSettings,
              inputOptions);
      timings.rolesStarted = System.nanoTime();
      return new AllInOne(kafka, ingest, transcoder, packager, timings);
    } catch (IOException e) {
      kafka.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  /** When the start-up milestones happened. */
  StartupTimings timings() {
    return timings;
  }

  /** True while every role's worker is alive. */
  boolean isHealthy() {
    return ingest.isHealthy() && transcoder.isHealthy() && packager.isHealthy();
  }

  /** True once every role's worker has joined its group. */
  boolean isReady() {
    return ingest.isReady() && transcoder.isReady() && packager.isReady();
  }

  /** The embedded broker's bootstrap address. */
  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public void close() {
    // The roles leave their groups at the same time (each takes a few hundred milliseconds, mostly
    // round trips to the broker), then the broker stops.
    try (kafka) {
      List<Thread> closing = new ArrayList<>();
      List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (AutoCloseable role : List.<AutoCloseable>of(ingest, transcoder, packager)) {
        closing.add(
            Thread.ofPlatform()
                .name("close-" + role.getClass().getSimpleName())
                .start(
                    () -> {
                      try {
                        role.close();
                      } catch (Exception e) {
                        failures.add(
                            e instanceof RuntimeException runtime
                                ? runtime
                                : new IllegalStateException("closing " + role, e));
                      }
                    }));
      }
      boolean interrupted = false;
      for (Thread thread : closing) {
        while (true) {
          try {
            thread.join();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (!failures.isEmpty()) {
        RuntimeException first = failures.get(0);
        failures.subList(1, failures.size()).forEach(first::addSuppressed);
        throw first;
      }
    }
  }
}
