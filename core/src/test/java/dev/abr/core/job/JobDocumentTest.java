package dev.abr.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.time.Rational;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every rule of {@link JobDocument}'s and {@link LadderChoice}'s constructors, message checked. */
class JobDocumentTest {
  private static final LadderChoice DEFAULT = new LadderChoice.BuiltIn("default");

  private static JobDocument job(String input, String segmentDuration) {
    return new JobDocument(
        input,
        DEFAULT,
        Rational.parse(segmentDuration),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static JobDocument withOutputAndIds(String output, String jobId, String streamId) {
    return new JobDocument(
        "in.mp4",
        DEFAULT,
        Rational.of(4),
        Optional.of(output),
        Optional.of(jobId),
        Optional.of(streamId));
  }

  @Test
  void of_inputAndLadder_hasFourSecondSegmentsAndNothingElse() {
    JobDocument job = JobDocument.of("in.mp4", DEFAULT);

    assertThat(job.segmentDuration()).isEqualTo(JobDocument.DEFAULT_SEGMENT_DURATION);
    assertThat(JobDocument.DEFAULT_SEGMENT_DURATION).isEqualTo(Rational.of(4));
    assertThat(job.output()).isEmpty();
    assertThat(job.jobId()).isEmpty();
    assertThat(job.streamId()).isEmpty();
  }

  @Test
  void constructor_blankInput_isRejected() {
    assertThatThrownBy(() -> job(" ", "4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("input path must not be empty");
  }

  @Test
  void constructor_inputWithControlCharacter_isRejected() {
    assertThatThrownBy(() -> job("in\r.mp4", "4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("input path \"in?.mp4\" must not contain control characters");
  }

  @Test
  void constructor_segmentDurationBelowOneSecond_isRejected() {
    assertThatThrownBy(() -> job("in.mp4", "0.999"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segmentDuration 999/1000 s must be from 1 to 30");
  }

  @Test
  void constructor_segmentDurationAbove30Seconds_isRejected() {
    assertThatThrownBy(() -> job("in.mp4", "30.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segmentDuration 61/2 s must be from 1 to 30");
  }

  @Test
  void constructor_segmentDurationAtBounds_isAccepted() {
    assertThat(job("in.mp4", "1").segmentDuration()).isEqualTo(Rational.of(1));
    assertThat(job("in.mp4", "30").segmentDuration()).isEqualTo(Rational.of(30));
  }

  @Test
  void constructor_blankOutput_isRejected() {
    assertThatThrownBy(() -> withOutputAndIds("", "j", "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("output path must not be empty");
  }

  @Test
  void constructor_invalidJobId_isRejected() {
    assertThatThrownBy(() -> withOutputAndIds("out", "job 1", "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("job id \"job 1\" is not allowed: use 1 to 64 of A-Z a-z 0-9 _ -");
  }

  @Test
  void constructor_invalidStreamId_isRejected() {
    assertThatThrownBy(() -> withOutputAndIds("out", "j", "../s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream id \"../s\" is not allowed: use 1 to 64 of A-Z a-z 0-9 _ -");
  }

  @Test
  void builtIn_invalidName_isRejected() {
    assertThatThrownBy(() -> new LadderChoice.BuiltIn("my ladder"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "built-in ladder name \"my ladder\" is not allowed: use 1 to 64 of A-Z a-z 0-9 _ -");
  }

  @Test
  void inFile_pathNotEndingInJson_isRejected() {
    assertThatThrownBy(() -> new LadderChoice.InFile("ladders/mine.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ladder file \"ladders/mine.yaml\" must be a path ending in .json,"
                + " without control characters");
  }

  @Test
  void parse_textEndingInJson_isFileAndOtherTextIsBuiltIn() {
    assertThat(LadderChoice.parse("x.json")).isEqualTo(new LadderChoice.InFile("x.json"));
    assertThat(LadderChoice.parse("x")).isEqualTo(new LadderChoice.BuiltIn("x"));
  }
}
