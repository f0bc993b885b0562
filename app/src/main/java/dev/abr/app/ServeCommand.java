package dev.abr.app;

import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.StorageLayout;
import dev.abr.packager.origin.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code abr serve}: a minimal origin for a package folder, with hls.js and dash.js players. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve a package folder on 127.0.0.1 (content types, CORS, byte ranges) with a player page.")
final class ServeCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The output folder of abr vod.")
  Path folder;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!Files.isDirectory(folder)) {
      throw new CommandFailedException(
          folder + " is not a folder; give the output folder of abr vod", ExitCodes.USAGE);
    }
    LocalObjectStore store = new LocalObjectStore(folder);
    CountDownLatch stopped = new CountDownLatch(1);
    java.io.PrintWriter out = spec.commandLine().getOut();
    try (Origin origin = Origin.start(store, host, port)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.println("Serving " + store.root() + " at " + origin.uri());
      out.println("Players: " + origin.uri().resolve("/"));
      if (Files.exists(folder.resolve(StorageLayout.HLS_MULTIVARIANT))) {
        out.println("HLS:     " + origin.uri().resolve("/" + StorageLayout.HLS_MULTIVARIANT));
      }
      if (Files.exists(folder.resolve(StorageLayout.DASH_MPD))) {
        out.println("DASH:    " + origin.uri().resolve("/" + StorageLayout.DASH_MPD));
      }
      out.println("Press Ctrl-C to stop.");
      out.flush();
      stopped.await();
    }
    return ExitCodes.OK;
  }
}
