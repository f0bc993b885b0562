package dev.abr.testkit.kafka;

import dev.abr.broker.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kafka broker: {@code @ExtendWith(KafkaExtension.class)} on the class, then a
 * {@link TestKafka} parameter on any test, lifecycle method or constructor.
 *
 * <p>One {@link EmbeddedKafka} is started per test JVM, on first use, with its data in a fresh
 * temporary folder. It lives in the root extension store, so JUnit closes it (and deletes the
 * folder) once all tests of the JVM have run. Tests share it: isolate them with {@link
 * TestKafka#uniqueTopic} and {@link TestKafka#uniqueGroup}, and never restart or stop it (a test
 * that needs a broker restart starts its own {@code EmbeddedKafka}).
 */
public final class KafkaExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestKafka.class;
  }

  @Override
  public TestKafka resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(SharedBroker.class, type -> SharedBroker.start(), SharedBroker.class)
        .kafka();
  }

  /** The broker of this JVM and its folder; closed by JUnit with the root store. */
  private record SharedBroker(Path dir, EmbeddedKafka broker, TestKafka kafka)
      implements AutoCloseable {
    static SharedBroker start() {
      try {
        Path dir = Files.createTempDirectory("abr-test-kafka-");
        EmbeddedKafka broker = EmbeddedKafka.start(dir);
        return new SharedBroker(dir, broker, new TestKafka(broker.bootstrapServers()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a folder for the test broker", e);
      }
    }

    @Override
    public void close() throws IOException {
      broker.close();
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
