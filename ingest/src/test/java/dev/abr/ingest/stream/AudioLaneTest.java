package dev.abr.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AudioLaneTest {

  @Test
  void drain_runsEveryTaskInSubmissionOrderOnTheLaneThread() {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    try (AudioLane lane = new AudioLane("a.mp4")) {
      for (int i = 0; i < 3 * AudioLane.CAPACITY; i++) {
        int n = i;
        lane.submit(() -> ran.add(n + "@" + Thread.currentThread().getName()));
      }
      lane.drain();
    }

    assertThat(ran).hasSize(3 * AudioLane.CAPACITY);
    for (int i = 0; i < ran.size(); i++) {
      assertThat(ran.get(i)).isEqualTo(i + "@abr-ingest-audio");
    }
  }

  @Test
  void submit_afterDrain_runsInlineOnTheCaller() {
    List<String> ran = new ArrayList<>();
    try (AudioLane lane = new AudioLane("a.mp4")) {
      lane.submit(() -> ran.add(Thread.currentThread().getName()));
      lane.drain();
      lane.submit(() -> ran.add(Thread.currentThread().getName()));
    }

    assertThat(ran).containsExactly("abr-ingest-audio", Thread.currentThread().getName());
  }

  @Test
  void drain_afterATaskFailed_throwsItsExceptionAndDiscardsTheTasksAfterIt() {
    List<String> discarded = Collections.synchronizedList(new ArrayList<>());
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    PipelineException failure =
        new PipelineException(ErrorCode.ENCODE_FAILED, "a.mp4: the AAC encoder failed");
    // The failing task waits until the next one is queued: had it failed first, that submit
    // would throw (the behaviour of the next test).
    CountDownLatch queued = new CountDownLatch(1);
    try (AudioLane lane = new AudioLane("a.mp4")) {
      lane.submit(
          () -> {
            await(queued);
            throw failure;
          });
      lane.submit(task("after", ran, discarded));
      queued.countDown();

      assertThatThrownBy(lane::drain).isSameAs(failure);
    }
    assertThat(ran).isEmpty();
    assertThat(discarded).containsExactly("after");
  }

  @Test
  void submit_afterATaskFailed_throwsItsExceptionAndDiscardsTheNewTask() throws Exception {
    List<String> discarded = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch failed = new CountDownLatch(1);
    PipelineException failure =
        new PipelineException(ErrorCode.ENCODE_FAILED, "a.mp4: the AAC encoder failed");
    try (AudioLane lane = new AudioLane("a.mp4")) {
      lane.submit(
          () -> {
            failed.countDown();
            throw failure;
          });
      assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
      // The failure is recorded just after the task threw: submit until it is seen.
      PipelineException seen = null;
      for (int i = 0; seen == null && i < 10 * AudioLane.CAPACITY; i++) {
        try {
          lane.submit(task("new-" + i, new ArrayList<>(), discarded));
        } catch (PipelineException e) {
          seen = e;
          assertThat(discarded).contains("new-" + i);
        }
      }
      assertThat(seen).isSameAs(failure);
    }
  }

  @Test
  void close_discardsWhatIsStillQueuedWithoutRunningIt() throws Exception {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    List<String> discarded = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AudioLane lane = new AudioLane("a.mp4");
    lane.submit(
        () -> {
          started.countDown();
          await(release);
        });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    lane.submit(task("queued-1", ran, discarded));
    lane.submit(task("queued-2", ran, discarded));
    Thread closer = Thread.ofPlatform().start(lane::close);
    // close() marks the lane cancelled before it waits for the thread: once the closer waits, the
    // blocked task may end.
    while (closer.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    release.countDown();
    closer.join();

    assertThat(ran).isEmpty();
    assertThat(discarded).containsExactly("queued-1", "queued-2");
  }

  private static AudioLane.Task task(String name, List<String> ran, List<String> discarded) {
    return new AudioLane.Task() {
      @Override
      public void run() {
        ran.add(name);
      }

      @Override
      public void discard() {
        discarded.add(name);
      }
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
