package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadNiceTest {
  @Test
  void lower_setsTheCallingThreadsNiceValueOnly() throws Exception {
    CompletableFuture<int[]> nices = new CompletableFuture<>();
    Thread lowered =
        new Thread(
            () -> {
              try {
                boolean set = ThreadNice.lower(3);
                nices.complete(new int[] {set ? 1 : 0, niceOfThisThread()});
              } catch (Throwable e) {
                nices.completeExceptionally(e);
              }
            });
    lowered.start();

    int[] result = nices.get(30, TimeUnit.SECONDS);
    assertThat(result[0]).as("lower() reports success").isEqualTo(1);
    assertThat(result[1]).as("nice value of the lowered thread").isEqualTo(3);
    assertThat(niceOfThisThread()).as("nice value of the test thread").isZero();
  }

  @Test
  void lower_threadStartedAfterwards_inheritsTheValue() throws Exception {
    // x264 starts its threads from the rendition's thread after the value is set.
    CompletableFuture<Integer> childNice = new CompletableFuture<>();
    Thread parent =
        new Thread(
            () -> {
              ThreadNice.lower(2);
              Thread child =
                  new Thread(
                      () -> {
                        try {
                          childNice.complete(niceOfThisThread());
                        } catch (Throwable e) {
                          childNice.completeExceptionally(e);
                        }
                      });
              child.start();
            });
    parent.start();

    assertThat(childNice.get(30, TimeUnit.SECONDS)).isEqualTo(2);
  }

  @Test
  void lower_outOfRange_isRejected() {
    assertThatThrownBy(() -> ThreadNice.lower(20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 19");
  }

  /** Field 19 of {@code /proc/thread-self/stat}: the calling thread's nice value. */
  private static int niceOfThisThread() throws IOException {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[16]);
  }
}
