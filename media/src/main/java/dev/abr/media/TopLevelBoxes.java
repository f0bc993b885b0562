package dev.abr.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the top-level box headers of an MP4/MOV file (ISO/IEC 14496-12 §4.2) to explain why FFmpeg
 * could not open it. FFmpeg only says "invalid data" when the {@code moov} box (the sample index)
 * is missing, which is what an interrupted upload of a file written without faststart looks like.
 */
final class TopLevelBoxes {
  /** Box types an MP4/MOV file starts with; anything else is not treated as ISO-BMFF. */
  private static final Set<String> FIRST_BOX_TYPES =
      Set.of("ftyp", "styp", "moov", "mdat", "free", "skip", "wide", "pnot");

  private TopLevelBoxes() {}

  /**
   * Why {@code file} has no complete {@code moov} box, as a sentence for an error message; empty if
   * the file does not start like an MP4/MOV file or has a complete {@code moov} box (the problem is
   * then elsewhere).
   *
   * @throws IOException if the file cannot be read
   */
  static Optional<String> missingMovieReason(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileBytes = channel.size();
      ByteBuffer header = ByteBuffer.allocate(16);
      long offset = 0;
      int boxes = 0;
      while (offset + 8 <= fileBytes) {
        header.clear();
        int read;
        do {
          read = channel.read(header, offset + header.position());
        } while (read > 0 && header.hasRemaining());
        long sizeBytes = Integer.toUnsignedLong(header.getInt(0));
        String type = fourCc(header);
        if (boxes == 0 && !FIRST_BOX_TYPES.contains(type)) {
          return Optional.empty();
        }
        int headerBytes = 8;
        if (sizeBytes == 1) {
          if (header.position() < 16) {
            break;
          }
          sizeBytes = header.getLong(8);
          headerBytes = 16;
        } else if (sizeBytes == 0) {
          sizeBytes = fileBytes - offset;
        }
        if (sizeBytes < headerBytes) {
          return Optional.empty();
        }
        boxes++;
        long remainingBytes = fileBytes - offset;
        if (type.equals("moov")) {
          return sizeBytes <= remainingBytes
              ? Optional.empty()
              : Optional.of(
                  "the file is truncated: its 'moov' box (the sample index) at offset "
                      + offset
                      + " declares "
                      + sizeBytes
                      + " bytes but only "
                      + remainingBytes
                      + " are there; upload the complete file");
        }
        if (sizeBytes > remainingBytes) {
          return Optional.of(
              "the file is truncated: its '"
                  + type
                  + "' box at offset "
                  + offset
                  + " declares "
                  + sizeBytes
                  + " bytes but only "
                  + remainingBytes
                  + " are there, and there is no 'moov' box (the sample index) before it; upload"
                  + " the complete file");
        }
        offset += sizeBytes;
      }
      if (boxes == 0) {
        return Optional.empty();
      }
      return Optional.of(
          "an MP4/MOV file with no 'moov' box (the sample index): the recording was not finished"
              + " or the file was cut; export or upload it again");
    }
  }

  private static String fourCc(ByteBuffer header) {
    byte[] type = new byte[4];
    header.get(4, type);
    for (byte b : type) {
      if (b < 0x20 || b > 0x7e) {
        return "";
      }
    }
    return new String(type, StandardCharsets.US_ASCII);
  }
}
