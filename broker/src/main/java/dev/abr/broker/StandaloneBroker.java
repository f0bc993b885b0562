package dev.abr.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafka} as a process of its own, for tests that stop, kill or restart the
 * broker under running clients:
 *
 * <pre>
 * java -cp … dev.abr.broker.StandaloneBroker DATA_DIR BROKER_PORT CONTROLLER_PORT [name=value …]
 * </pre>
 *
 * <p>Each {@code name=value} overrides a broker setting ({@link EmbeddedKafka#start(Path,
 * EmbeddedKafka.Ports, Map)}). Once clients can connect it prints {@code abr broker: ready at
 * 127.0.0.1:PORT} on standard output; SIGTERM or SIGINT shuts it down cleanly (exit code 0), so it
 * can be started again on the same data dir and ports and keeps its topics, records and committed
 * offsets. Exit code 1 when it cannot start, 64 on bad arguments. The broker's INFO chatter is
 * turned down to warnings when the SLF4J binding is slf4j-simple.
 */
public final class StandaloneBroker {
  private StandaloneBroker() {}

  /** Starts the broker and blocks until the process is told to stop. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 3) {
      System.err.println(
          "usage: StandaloneBroker DATA_DIR BROKER_PORT CONTROLLER_PORT [name=value ...]");
      System.exit(64);
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 3; i < args.length; i++) {
      int equals = args[i].indexOf('=');
      if (equals <= 0) {
        System.err.println("not a name=value broker setting: " + args[i]);
        System.exit(64);
      }
      overrides.put(args[i].substring(0, equals), args[i].substring(equals + 1));
    }
    for (String logger : EmbeddedKafka.NOISY_LOGGERS) {
      System.setProperty("org.slf4j.simpleLogger.log." + logger, "warn");
    }
    EmbeddedKafka broker;
    try {
      broker =
          EmbeddedKafka.start(
              Path.of(args[0]),
              new EmbeddedKafka.Ports(Integer.parseInt(args[1]), Integer.parseInt(args[2])),
              overrides);
    } catch (RuntimeException e) {
      System.err.println("abr broker: cannot start: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  System.out.println("abr broker: stopped");
                  System.out.flush();
                  stopped.countDown();
                },
                "abr-broker-shutdown"));
    System.out.println("abr broker: ready at " + broker.bootstrapServers());
    System.out.flush();
    stopped.await();
  }
}
