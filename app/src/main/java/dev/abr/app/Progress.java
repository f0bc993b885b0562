package dev.abr.app;

import dev.abr.core.message.JobEvent;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The progress line of a job, built from its job events: chunks cut, chunks transcoded per
 * rendition, segments packaged. On a terminal the line is redrawn in place; otherwise a line is
 * printed whenever a segment is packaged.
 */
final class Progress {
  private final PrintWriter out;
  private final boolean terminal;
  private final Set<Long> cut = new HashSet<>();
  private final Map<String, Set<Long>> transcoded = new LinkedHashMap<>();
  private final Set<Long> packaged = new HashSet<>();
  private OptionalLong total = OptionalLong.empty();
  private String lastLine = "";

  Progress(PrintWriter out, boolean terminal, List<String> videoRenditions) {
    this.out = out;
    this.terminal = terminal;
    videoRenditions.forEach(r -> transcoded.put(r, new HashSet<>()));
  }

  void renditions(List<String> videoRenditions) {
    videoRenditions.forEach(r -> transcoded.putIfAbsent(r, new HashSet<>()));
  }

  /** Updates the counts from {@code event} and redraws. */
  void apply(JobEvent event) {
    boolean packagedOne = false;
    switch (event.type()) {
      case CHUNK_CUT -> event.sequence().ifPresent(cut::add);
      case CHUNKING_COMPLETED -> event.total().ifPresent(t -> total = OptionalLong.of(t));
      case FRAGMENT_TRANSCODED ->
          event
              .rendition()
              .ifPresent(
                  r ->
                      transcoded
                          .computeIfAbsent(r, k -> new HashSet<>())
                          .add(event.sequence().orElse(-1L)));
      case SEGMENT_PACKAGED -> packagedOne = event.sequence().map(packaged::add).orElse(false);
      default -> {}
    }
    draw(packagedOne);
  }

  private void draw(boolean packagedOne) {
    String of = total.isPresent() ? "/" + total.getAsLong() : "/?";
    StringBuilder line = new StringBuilder();
    line.append(bar()).append(String.format(Locale.ROOT, " cut %d%s", cut.size(), of));
    if (!transcoded.isEmpty()) {
      line.append(" | transcoded");
      transcoded.forEach(
          (rendition, done) ->
              line.append(' ').append(rendition).append(' ').append(done.size()).append(of));
    }
    line.append(String.format(Locale.ROOT, " | packaged %d%s", packaged.size(), of));
    String text = line.toString();
    if (text.equals(lastLine)) {
      return;
    }
    lastLine = text;
    if (terminal) {
      out.print("\r\u001b[2K" + text);
      out.flush();
    } else if (packagedOne) {
      out.println(text);
      out.flush();
    }
  }

  private String bar() {
    int width = 20;
    if (total.isEmpty() || total.getAsLong() == 0) {
      return "[" + " ".repeat(width) + "]";
    }
    long filled = Math.min(width, packaged.size() * width / total.getAsLong());
    return "[" + "#".repeat((int) filled) + " ".repeat((int) (width - filled)) + "]";
  }

  /** Ends the progress line. */
  void finish() {
    if (terminal && !lastLine.isEmpty()) {
      out.println();
      out.flush();
    }
  }
}
