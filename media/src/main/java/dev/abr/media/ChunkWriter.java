package dev.abr.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Writes a source chunk: the selected video stream's packets, stream-copied (no re-encode) into a
 * Matroska file. Timestamps keep their source values (Matroska stores milliseconds); readers use
 * them only relative to the chunk's first packet.
 */
public final class ChunkWriter {
  private ChunkWriter() {}

  /**
   * Writes {@code packets} (video packets of {@code source}, in decode order, starting with a key
   * frame) to {@code file}. The packets stay open; the caller owns them.
   *
   * @throws PipelineException {@code INTERNAL_ERROR} if FFmpeg cannot write the file
   */
  public static void write(Path file, MediaSource source, List<SourcePacket> packets) {
    AVStream input = source.videoStream();
    if (input == null) {
      throw new IllegalStateException(source.name() + " has no video stream to chunk");
    }
    AVFormatContext output = new AVFormatContext(null);
    Av.check(
        avformat_alloc_output_context2(output, null, "matroska", file.toString()),
        ErrorCode.INTERNAL_ERROR,
        "cannot create chunk " + file.getFileName());
    try {
      AVStream stream = avformat_new_stream(output, null);
      Av.check(
          avcodec_parameters_copy(stream.codecpar(), input.codecpar()),
          ErrorCode.INTERNAL_ERROR,
          "copy codec parameters");
      stream.codecpar().codec_tag(0);
      stream.time_base(input.time_base());
      AVIOContext io = new AVIOContext(null);
      Av.check(
          avio_open(io, file.toString(), AVIO_FLAG_WRITE),
          ErrorCode.INTERNAL_ERROR,
          "cannot open " + file);
      output.pb(io);
      Av.check(
          avformat_write_header(output, (AVDictionary) null),
          ErrorCode.INTERNAL_ERROR,
          "write chunk header");
      for (SourcePacket packet : packets) {
        AVPacket copy = av_packet_clone(packet.packet());
        try {
          copy.stream_index(0);
          copy.pos(-1);
          av_packet_rescale_ts(copy, input.time_base(), stream.time_base());
          Av.check(
              av_write_frame(output, copy),
              ErrorCode.INTERNAL_ERROR,
              "write chunk packet " + packet);
        } finally {
          av_packet_free(copy);
        }
      }
      Av.check(av_write_trailer(output), ErrorCode.INTERNAL_ERROR, "write chunk trailer");
    } catch (PipelineException e) {
      throw new PipelineException(
          e.code(),
          "chunk " + file.getFileName() + " of " + source.name() + ": " + e.getMessage(),
          e);
    } finally {
      if (output.pb() != null) {
        avio_closep(output.pb());
      }
      avformat_free_context(output);
    }
  }
}
