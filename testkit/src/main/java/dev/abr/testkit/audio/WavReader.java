package dev.abr.testkit.audio;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the samples of a RIFF WAVE file (Microsoft "Multimedia Programming Interface and Data
 * Specifications 1.0", §3; {@code WAVE_FORMAT_EXTENSIBLE} from "Multiple channel audio data and
 * WAVE files", 2001).
 */
final class WavReader {
  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_IEEE_FLOAT = 3;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  private WavReader() {}

  /**
   * Returns the audio of the WAV file in {@code bytes}.
   *
   * @throws PipelineException with {@code INPUT_UNREADABLE} if the file is not well-formed, or
   *     {@code INPUT_UNSUPPORTED_FORMAT} for sample formats other than 16/24/32-bit integer PCM and
   *     32-bit float
   */
  static PcmAudio read(ByteBuffer bytes) {
    ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (!fourCc(in).equals("RIFF")) {
        throw unreadable("does not start with RIFF");
      }
      in.getInt(); // RIFF size: FFmpeg leaves it unset when writing to a pipe, so it is not trusted
      if (!fourCc(in).equals("WAVE")) {
        throw unreadable("is a RIFF file but not WAVE");
      }
      Format format = null;
      while (in.remaining() >= 8) {
        String id = fourCc(in);
        long size = Integer.toUnsignedLong(in.getInt());
        if (id.equals("data")) {
          if (format == null) {
            throw unreadable("has its data chunk before the fmt chunk");
          }
          // A streamed file says 0 or 0xFFFFFFFF here: read what is there, in whole frames.
          int available = in.remaining() - in.remaining() % format.blockAlign();
          int length = size == 0 || size > available ? available : (int) size;
          ByteBuffer data = in.slice(in.position(), length).order(ByteOrder.LITTLE_ENDIAN);
          return PcmAudio.wrapping(format.sampleRate(), format.decode(data));
        }
        if (size > in.remaining()) {
          throw unreadable("has a '" + id + "' chunk of " + size + " bytes past the end of file");
        }
        if (id.equals("fmt ")) {
          format = Format.parse(in.slice(in.position(), (int) size).order(ByteOrder.LITTLE_ENDIAN));
        }
        // Chunks are padded to an even size (RIFF §2).
        in.position((int) Math.min(in.limit(), in.position() + size + (size & 1)));
      }
      throw unreadable("has no data chunk");
    } catch (BufferUnderflowException e) {
      throw new PipelineException(ErrorCode.INPUT_UNREADABLE, "WAV file is truncated", e);
    }
  }

  private static String fourCc(ByteBuffer in) {
    byte[] id = new byte[4];
    in.get(id);
    return new String(id, StandardCharsets.US_ASCII);
  }

  private static PipelineException unreadable(String what) {
    return new PipelineException(ErrorCode.INPUT_UNREADABLE, "WAV file " + what);
  }

  /** The fmt chunk's fields that matter for reading samples. */
  private record Format(int tag, int channelCount, int sampleRate, int blockAlign, int bits) {
    static Format parse(ByteBuffer fmt) {
      int tag = Short.toUnsignedInt(fmt.getShort());
      int channelCount = Short.toUnsignedInt(fmt.getShort());
      int sampleRate = fmt.getInt();
      fmt.getInt(); // byte rate
      int blockAlign = Short.toUnsignedInt(fmt.getShort());
      int bits = Short.toUnsignedInt(fmt.getShort());
      if (tag == FORMAT_EXTENSIBLE) {
        if (fmt.limit() < 26) {
          throw unreadable(
              "has a WAVE_FORMAT_EXTENSIBLE fmt chunk of only " + fmt.limit() + " bytes");
        }
        fmt.position(
            24); // cbSize, valid bits, channel mask; the sub-format GUID starts with the tag
        tag = Short.toUnsignedInt(fmt.getShort());
      }
      if (channelCount == 0 || sampleRate <= 0) {
        throw unreadable("declares " + channelCount + " channels at " + sampleRate + " Hz");
      }
      boolean supported =
          (tag == FORMAT_PCM && (bits == 16 || bits == 24 || bits == 32))
              || (tag == FORMAT_IEEE_FLOAT && bits == 32);
      if (!supported) {
        throw new PipelineException(
            ErrorCode.INPUT_UNSUPPORTED_FORMAT,
            "WAV format tag "
                + tag
                + " with "
                + bits
                + "-bit samples is not supported (16/24/32-bit PCM or 32-bit float only)");
      }
      if (blockAlign != channelCount * bits / 8) {
        throw unreadable(
            "declares "
                + blockAlign
                + "-byte frames for "
                + channelCount
                + " channels of "
                + bits
                + " bits");
      }
      return new Format(tag, channelCount, sampleRate, blockAlign, bits);
    }

    float[][] decode(ByteBuffer data) {
      int frames = data.remaining() / blockAlign;
      float[][] channels = new float[channelCount][frames];
      for (int i = 0; i < frames; i++) {
        for (int c = 0; c < channelCount; c++) {
          channels[c][i] = sample(data);
        }
      }
      return channels;
    }

    private float sample(ByteBuffer data) {
      if (tag == FORMAT_IEEE_FLOAT) {
        return data.getFloat();
      }
      return switch (bits) {
        case 16 -> data.getShort() / 32_768f;
        case 24 -> {
          int low = Short.toUnsignedInt(data.getShort());
          yield ((data.get() << 16) | low) / 8_388_608f;
        }
        default -> (float) (data.getInt() / 2_147_483_648.0);
      };
    }
  }
}
