package dev.abr.media;

/**
 * Rewrites an FLV file in place (Adobe Video File Format Specification 10.1 §E.2–E.4): the header's
 * audio/video flags, and the 32-bit timestamps (24 bits + {@code TimestampExtended}) of audio and
 * video tags. Script tags ({@code onMetaData}) keep their timestamp, as a publisher that has been
 * live for weeks sent its metadata at 0 long ago.
 */
final class FlvTags {
  private static final int HEADER_BYTES = 9 + 4;

  private FlvTags() {}

  /** Sets the header flags to "audio and video", as our RTMP server writes them for any stream. */
  static void announceAudioAndVideo(byte[] flv) {
    checkHeader(flv);
    flv[4] = 0x05;
  }

  /** Adds {@code offsetMillis} modulo 2^32 to the timestamp of every audio and video tag. */
  static void shiftMedia(byte[] flv, long offsetMillis) {
    shiftMediaFrom(flv, 0, offsetMillis);
  }

  /**
   * Adds {@code offsetMillis} modulo 2^32 to the timestamp of the audio and video tags at or after
   * {@code fromMillis}: a jump, as when an encoder restarts without reconnecting.
   */
  static void shiftMediaFrom(byte[] flv, long fromMillis, long offsetMillis) {
    checkHeader(flv);
    int tag = HEADER_BYTES;
    while (tag + 11 <= flv.length) {
      int type = flv[tag] & 0x1F;
      int size =
          ((flv[tag + 1] & 0xFF) << 16) | ((flv[tag + 2] & 0xFF) << 8) | (flv[tag + 3] & 0xFF);
      if (type == 8 || type == 9) {
        long millis =
            ((long) (flv[tag + 7] & 0xFF) << 24)
                | ((flv[tag + 4] & 0xFF) << 16)
                | ((flv[tag + 5] & 0xFF) << 8)
                | (flv[tag + 6] & 0xFF);
        long shifted = millis < fromMillis ? millis : (millis + offsetMillis) & 0xFFFF_FFFFL;
        flv[tag + 4] = (byte) (shifted >> 16);
        flv[tag + 5] = (byte) (shifted >> 8);
        flv[tag + 6] = (byte) shifted;
        flv[tag + 7] = (byte) (shifted >> 24);
      }
      tag += 11 + size + 4;
    }
  }

  private static void checkHeader(byte[] flv) {
    if (flv.length < HEADER_BYTES || flv[0] != 'F' || flv[1] != 'L' || flv[2] != 'V') {
      throw new IllegalArgumentException("not an FLV file");
    }
  }
}
