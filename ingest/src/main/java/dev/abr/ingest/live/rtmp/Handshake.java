package dev.abr.ingest.live.rtmp;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of the RTMP handshake: C0/C1 in, S0/S1/S2 out, C2 in.
 *
 * <p>Two forms, chosen by what C1 holds:
 *
 * <ul>
 *   <li><b>Simple</b> (RTMP specification 1.0 §5.2): S1 is time, zero and random bytes; S2 echoes
 *       C1 (its time, then the random bytes). GStreamer's rtmp2 sends this form (a zero version
 *       field) and, in strict mode, checks that S2's random bytes equal C1's.
 *   <li><b>Digest</b> (the Flash Player 9 form FFmpeg, librtmp/OBS and Flash send, non-zero version
 *       in C1): C1 carries an HMAC-SHA256 digest at a position derived from four bytes at offset 8
 *       or at offset 772. The server answers with S1 carrying its own digest at the same kind of
 *       position (key "Genuine Adobe Flash Media Server 001") and S2 whose last 32 bytes sign it
 *       with a key derived from the client's digest. FFmpeg checks both only when it plays ({@code
 *       rtmp_handshake}: {@code is_input && serverdata[5] >= 3}), and echoes S1 as C2 without
 *       checks when it publishes; librtmp checks the S2 signature when it publishes too. A C1 whose
 *       digest does not verify is answered with the simple form.
 * </ul>
 *
 * <p>C2 is read and not checked (FFmpeg and GStreamer echo S1; librtmp signs it). RTMPE (C0 = 6, 8
 * or 9) is refused.
 */
final class Handshake {
  static final int VERSION = 3;
  static final int PACKET_BYTES = 1536;
  private static final int DIGEST_BYTES = 32;

  /** The 32 bytes both Adobe keys end with. */
  private static final byte[] KEY_TAIL = {
    (byte) 0xF0,
    (byte) 0xEE,
    (byte) 0xC2,
    0x4A,
    (byte) 0x80,
    0x68,
    (byte) 0xBE,
    (byte) 0xE8,
    0x2E,
    0x00,
    (byte) 0xD0,
    (byte) 0xD1,
    0x02,
    (byte) 0x9E,
    0x7E,
    0x57,
    0x6E,
    (byte) 0xEC,
    0x5D,
    0x2D,
    0x29,
    (byte) 0x80,
    0x6F,
    (byte) 0xAB,
    (byte) 0x93,
    (byte) 0xB8,
    (byte) 0xE6,
    0x36,
    (byte) 0xCF,
    (byte) 0xEB,
    0x31,
    (byte) 0xAE
  };

  /** The open part of the Flash Player key (30 bytes) that signs C1. */
  private static final byte[] PLAYER_KEY =
      "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);

  /** The Flash Media Server key: its first 36 bytes sign S1, all 68 derive S2's key. */
  private static final byte[] SERVER_KEY =
      withTail("Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII));

  private static final int SERVER_KEY_OPEN_BYTES = 36;

  /** Version bytes S1 carries in the digest form (FFmpeg checks the first is at least 3). */
  private static final byte[] SERVER_VERSION = {4, 5, 0, 1};

  private Handshake() {}

  /**
   * Runs the server side on a fresh connection.
   *
   * @return which form the client used
   * @throws java.io.EOFException when the client closes early
   * @throws PipelineException {@link ErrorCode#INPUT_UNSUPPORTED_FORMAT} for another version
   */
  static HandshakeKind perform(InputStream in, OutputStream out, RandomGenerator random)
      throws IOException {
    DataInputStream data = new DataInputStream(in);
    int version = data.readUnsignedByte();
    if (version != VERSION) {
      throw new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_FORMAT,
          "RTMP handshake version " + version + " is not supported (only 3, plain RTMP)");
    }
    byte[] c1 = new byte[PACKET_BYTES];
    data.readFully(c1);
    Response response = respond(c1, random);
    out.write(response.bytes());
    out.flush();
    data.readFully(new byte[PACKET_BYTES]); // C2
    return response.kind();
  }

  /** S0, S1 and S2 (1 + 1536 + 1536 bytes) for {@code c1}, and the form they take. */
  record Response(HandshakeKind kind, byte[] bytes) {}

  /** Builds the answer to {@code c1} (1536 bytes). */
  static Response respond(byte[] c1, RandomGenerator random) {
    byte[] response = new byte[1 + 2 * PACKET_BYTES];
    response[0] = VERSION;
    byte[] s1 = new byte[PACKET_BYTES];
    random.nextBytes(s1);
    Arrays.fill(s1, 0, 8, (byte) 0);
    byte[] s2 = new byte[PACKET_BYTES];
    HandshakeKind kind = HandshakeKind.SIMPLE;
    boolean versioned = c1[4] != 0 || c1[5] != 0 || c1[6] != 0 || c1[7] != 0;
    OptionalInt schemeBase = versioned ? clientDigestScheme(c1) : OptionalInt.empty();
    if (schemeBase.isPresent()) {
      kind = HandshakeKind.DIGEST;
      int base = schemeBase.getAsInt();
      System.arraycopy(SERVER_VERSION, 0, s1, 4, 4);
      int serverOffset = digestOffset(s1, base);
      byte[] serverDigest =
          hmac(Arrays.copyOf(SERVER_KEY, SERVER_KEY_OPEN_BYTES), withoutDigest(s1, serverOffset));
      System.arraycopy(serverDigest, 0, s1, serverOffset, DIGEST_BYTES);

      int clientOffset = digestOffset(c1, base);
      byte[] clientDigest = Arrays.copyOfRange(c1, clientOffset, clientOffset + DIGEST_BYTES);
      random.nextBytes(s2);
      byte[] signingKey = hmac(SERVER_KEY, clientDigest);
      byte[] signature = hmac(signingKey, Arrays.copyOf(s2, PACKET_BYTES - DIGEST_BYTES));
      System.arraycopy(signature, 0, s2, PACKET_BYTES - DIGEST_BYTES, DIGEST_BYTES);
    } else {
      // §5.2.4: S2 echoes C1's time and random bytes; time2 is when C1 was read (0 here).
      System.arraycopy(c1, 0, s2, 0, 4);
      System.arraycopy(c1, 8, s2, 8, PACKET_BYTES - 8);
    }
    System.arraycopy(s1, 0, response, 1, PACKET_BYTES);
    System.arraycopy(s2, 0, response, 1 + PACKET_BYTES, PACKET_BYTES);
    return new Response(kind, response);
  }

  /**
   * The scheme base (8 or 772) whose digest in {@code c1} verifies with the Flash Player key, or
   * empty when neither does.
   */
  static OptionalInt clientDigestScheme(byte[] c1) {
    for (int base : new int[] {8, 772}) {
      int offset = digestOffset(c1, base);
      byte[] expected = hmac(PLAYER_KEY, withoutDigest(c1, offset));
      if (MessageDigest.isEqual(expected, Arrays.copyOfRange(c1, offset, offset + DIGEST_BYTES))) {
        return OptionalInt.of(base);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * Where the digest sits in a 1536-byte packet for the scheme at {@code base}: the sum of the four
   * bytes at {@code base}, modulo 728, plus {@code base + 4}.
   */
  static int digestOffset(byte[] packet, int base) {
    int sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += packet[base + i] & 0xFF;
    }
    return sum % 728 + base + 4;
  }

  /** {@code packet} with the 32 digest bytes at {@code offset} cut out. */
  static byte[] withoutDigest(byte[] packet, int offset) {
    byte[] rest = new byte[PACKET_BYTES - DIGEST_BYTES];
    System.arraycopy(packet, 0, rest, 0, offset);
    System.arraycopy(
        packet, offset + DIGEST_BYTES, rest, offset, PACKET_BYTES - offset - DIGEST_BYTES);
    return rest;
  }

  /** HMAC-SHA256 of {@code data} with {@code key}. */
  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The Flash Player key (open part, 30 bytes), for tests that play the client. */
  static byte[] playerKey() {
    return PLAYER_KEY.clone();
  }

  /** The full Flash Media Server key (68 bytes), for tests that check S2. */
  static byte[] serverKey() {
    return SERVER_KEY.clone();
  }

  private static byte[] withTail(byte[] open) {
    byte[] full = Arrays.copyOf(open, open.length + KEY_TAIL.length);
    System.arraycopy(KEY_TAIL, 0, full, open.length, KEY_TAIL.length);
    return full;
  }
}
