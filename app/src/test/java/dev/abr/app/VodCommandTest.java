package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.time.Rational;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code abr vod} command line: exit codes, what it prints, and what it leaves behind. */
class VodCommandTest {
  @TempDir Path folder;

  private static final MediaSpec SMALL = MediaSpec.h264Aac(640, 360, Rational.of(25), 3);

  /** What one command run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  private Run abr(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = AbrCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> argv = new ArrayList<>(List.of(args));
    int exit = commandLine.execute(argv.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void vod_smallSource_exitsZeroAndPrintsWhereTheManifestsAre() {
    Path out = folder.resolve("pkg");

    Run run =
        abr(
            "vod",
            TestMedia.generate(SMALL).toString(),
            "--ladder",
            "small",
            "--out",
            out.toString(),
            "--work",
            folder.resolve("work").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "HLS:  " + out.resolve("main.m3u8"),
            "DASH: " + out.resolve("manifest.mpd"),
            "Play: ./abr serve " + out);
    assertThat(run.err())
        .contains(
            "abr: done in", "chunks: 1 cut, 1 transcoded; segments packaged: 1", "failures: 0");
    assertThat(out.resolve("main.m3u8")).isRegularFile();
  }

  @Test
  void vod_afterTheRun_leavesNoWorkFolderBehind() {
    Path work = folder.resolve("work");

    Run run =
        abr(
            "vod",
            TestMedia.generate(SMALL).toString(),
            "--ladder",
            "small",
            "--out",
            folder.resolve("pkg").toString(),
            "--work",
            work.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(WorkFolder.isAbsentOrEmpty(work)).isTrue();
  }

  @Test
  void vod_emptyFile_exitsWithInputCodeAndOneLineNamingTheFile() throws Exception {
    Path empty = Files.createFile(folder.resolve("empty.mp4"));
    Path out = folder.resolve("pkg");

    Run run =
        abr(
            "vod",
            empty.toString(),
            "--out",
            out.toString(),
            "--work",
            folder.resolve("work").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err())
        .endsWith("abr: empty.mp4: the file is empty (0 bytes) [INPUT_UNREADABLE]\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void vod_outputFolderWithOtherFiles_isRefusedEvenWithOverwrite() throws Exception {
    Path out = Files.createDirectories(folder.resolve("documents"));
    Files.writeString(out.resolve("thesis.txt"), "do not delete");

    Run run =
        abr("vod", TestMedia.generate(SMALL).toString(), "--out", out.toString(), "--overwrite");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("is not empty", "--overwrite will not touch it");
    assertThat(out.resolve("thesis.txt")).hasContent("do not delete");
  }

  @Test
  void vod_existingPackageWithoutOverwrite_isRefused() throws Exception {
    Path out = Files.createDirectories(folder.resolve("pkg"));
    Files.writeString(out.resolve("main.m3u8"), "#EXTM3U\n");

    Run run = abr("vod", TestMedia.generate(SMALL).toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("add --overwrite");
  }

  @Test
  void vod_badSegmentDuration_isAUsageError() {
    Run run = abr("vod", "x.mp4", "--segment-duration", "four");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--segment-duration", "four");
  }

  @Test
  void vod_unknownLadder_namesTheLadderAndTheChoices() {
    Run run =
        abr(
            "vod",
            TestMedia.generate(SMALL).toString(),
            "--ladder",
            "huge",
            "--out",
            folder.resolve("pkg").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("huge", "default", "small");
  }
}
