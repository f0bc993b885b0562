package dev.abr.app.bench;

import dev.abr.media.FfmpegTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PSNR and SSIM of a rendition against the source scaled to the rendition's size (bicubic), with
 * ffmpeg's {@code psnr} and {@code ssim} filters; both inputs are re-stamped from zero so a
 * constant timestamp offset (negative composition offsets) cannot misalign frames.
 */
final class QualityProbe {
  private static final Pattern PSNR =
      Pattern.compile("PSNR y:([0-9.inf]+) u:[0-9.inf]+ v:[0-9.inf]+ average:([0-9.inf]+)");
  private static final Pattern SSIM = Pattern.compile("SSIM Y:([0-9.]+) .* All:([0-9.]+)");

  private QualityProbe() {}

  /** Quality of one rendition. */
  record Quality(double psnrY, double psnrAverage, double ssimY, double ssimAll) {}

  static Quality measure(Path rendition, Path source, int width, int height)
      throws IOException, InterruptedException {
    String graph =
        String.format(
            Locale.ROOT,
            "[0:v]setpts=PTS-STARTPTS,split[d1][d2];[1:v]scale=%d:%d:flags=bicubic,setsar=1,format=yuv420p,setpts=PTS-STARTPTS,split[r1][r2];"
                + "[d1][r1]psnr;[d2][r2]ssim",
            width,
            height);
    List<String> args =
        List.of(
            "-hide_banner",
            "-nostdin",
            "-i",
            rendition.toString(),
            "-i",
            source.toString(),
            "-lavfi",
            graph,
            "-f",
            "null",
            "-");
    Process process =
        FfmpegTools.command(FfmpegTools.ffmpeg(), args).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("ffmpeg psnr/ssim failed on " + rendition + ": " + tail(output));
    }
    Matcher psnr = PSNR.matcher(output);
    Matcher ssim = SSIM.matcher(output);
    if (!psnr.find() || !ssim.find()) {
      throw new IOException("no PSNR/SSIM summary for " + rendition + ": " + tail(output));
    }
    return new Quality(
        parse(psnr.group(1)), parse(psnr.group(2)), parse(ssim.group(1)), parse(ssim.group(2)));
  }

  private static double parse(String value) {
    return value.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value);
  }

  private static String tail(String text) {
    return text.length() > 600 ? text.substring(text.length() - 600) : text;
  }
}
