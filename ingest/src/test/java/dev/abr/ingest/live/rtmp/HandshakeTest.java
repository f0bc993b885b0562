package dev.abr.ingest.live.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  /** The keys as FFmpeg's rtmpproto.c spells them (rtmp_player_key, rtmp_server_key). */
  private static final byte[] KEY_TAIL =
      HexFormat.of().parseHex("f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae");

  private static final byte[] PLAYER_KEY_OPEN =
      "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SERVER_KEY_OPEN =
      "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** Digest position as FFmpeg's ff_rtmp_calc_digest_pos(buf, base, 728, base + 4) computes it. */
  private static int position(byte[] packet, int base) {
    int sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += packet[base + i] & 0xFF;
    }
    return sum % 728 + base + 4;
  }

  private static byte[] withoutDigest(byte[] packet, int position) {
    return concat(Arrays.copyOf(packet, position), Arrays.copyOfRange(packet, position + 32, 1536));
  }

  /** A C1 as FFmpeg's client builds it: version 9.0.124.2 and a player-key digest. */
  private static byte[] digestC1(int base, long seed) throws Exception {
    byte[] c1 = new byte[1536];
    new Random(seed).nextBytes(c1);
    c1[0] = c1[1] = c1[2] = c1[3] = 0;
    c1[4] = 9;
    c1[5] = 0;
    c1[6] = 124;
    c1[7] = 2;
    int position = position(c1, base);
    System.arraycopy(hmac(PLAYER_KEY_OPEN, withoutDigest(c1, position)), 0, c1, position, 32);
    return c1;
  }

  private static byte[] simpleC1() {
    byte[] c1 = new byte[1536];
    new Random(7).nextBytes(c1);
    c1[0] = 0;
    c1[1] = 0;
    c1[2] = 0x12;
    c1[3] = 0x34;
    c1[4] = c1[5] = c1[6] = c1[7] = 0;
    return c1;
  }

  @Test
  void respond_simpleC1_echoesC1InS2() {
    byte[] c1 = simpleC1();

    Handshake.Response response = Handshake.respond(c1, new Random(1));

    byte[] s2 = Arrays.copyOfRange(response.bytes(), 1 + 1536, 1 + 2 * 1536);
    assertThat(response.kind()).isEqualTo(HandshakeKind.SIMPLE);
    assertThat(response.bytes()).hasSize(3073);
    assertThat(response.bytes()[0]).isEqualTo((byte) 3);
    assertThat(Arrays.copyOfRange(s2, 0, 4)).isEqualTo(Arrays.copyOfRange(c1, 0, 4));
    assertThat(Arrays.copyOfRange(s2, 8, 1536)).isEqualTo(Arrays.copyOfRange(c1, 8, 1536));
  }

  @Test
  void respond_simpleC1_sendsS1WithZeroVersionField() {
    Handshake.Response response = Handshake.respond(simpleC1(), new Random(1));

    assertThat(Arrays.copyOfRange(response.bytes(), 1, 9)).containsOnly((byte) 0);
  }

  @Test
  void respond_ffmpegDigestC1_signsS1WithTheServerKey() throws Exception {
    byte[] c1 = digestC1(8, 3);

    Handshake.Response response = Handshake.respond(c1, new Random(1));

    byte[] s1 = Arrays.copyOfRange(response.bytes(), 1, 1 + 1536);
    int position = position(s1, 8);
    assertThat(response.kind()).isEqualTo(HandshakeKind.DIGEST);
    assertThat(s1[4] & 0xFF)
        .as("FFmpeg validates S1 only when its version byte is >= 3")
        .isGreaterThanOrEqualTo(3);
    assertThat(Arrays.copyOfRange(s1, position, position + 32))
        .isEqualTo(hmac(SERVER_KEY_OPEN, withoutDigest(s1, position)));
  }

  @Test
  void respond_ffmpegDigestC1_signsS2WithKeyDerivedFromClientDigest() throws Exception {
    byte[] c1 = digestC1(8, 4);
    int clientPosition = position(c1, 8);

    Handshake.Response response = Handshake.respond(c1, new Random(1));

    byte[] s2 = Arrays.copyOfRange(response.bytes(), 1 + 1536, 1 + 2 * 1536);
    byte[] key =
        hmac(
            concat(SERVER_KEY_OPEN, KEY_TAIL),
            Arrays.copyOfRange(c1, clientPosition, clientPosition + 32));
    assertThat(Arrays.copyOfRange(s2, 1504, 1536)).isEqualTo(hmac(key, Arrays.copyOf(s2, 1504)));
  }

  @Test
  void respond_digestAtOffset772_answersWithTheSameScheme() throws Exception {
    byte[] c1 = digestC1(772, 5);

    Handshake.Response response = Handshake.respond(c1, new Random(1));

    byte[] s1 = Arrays.copyOfRange(response.bytes(), 1, 1 + 1536);
    int position = position(s1, 772);
    assertThat(Handshake.clientDigestScheme(c1)).hasValue(772);
    assertThat(Arrays.copyOfRange(s1, position, position + 32))
        .isEqualTo(hmac(SERVER_KEY_OPEN, withoutDigest(s1, position)));
  }

  @Test
  void respond_versionWithoutValidDigest_fallsBackToSimple() {
    byte[] c1 = simpleC1();
    c1[4] = 9;

    Handshake.Response response = Handshake.respond(c1, new Random(1));

    assertThat(response.kind()).isEqualTo(HandshakeKind.SIMPLE);
  }

  @Test
  void perform_simpleClient_writesS0S1S2AndReadsC2() throws IOException {
    byte[] c1 = simpleC1();
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    client.write(3);
    client.writeBytes(c1);
    client.writeBytes(new byte[1536]);
    ByteArrayInputStream in = new ByteArrayInputStream(client.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    HandshakeKind kind = Handshake.perform(in, out, new Random(1));

    assertThat(kind).isEqualTo(HandshakeKind.SIMPLE);
    assertThat(out.size()).isEqualTo(3073);
    assertThat(in.available()).isZero();
  }

  @Test
  void perform_rtmpeVersion_throwsUnsupportedFormat() {
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {6, 0, 0});

    assertThatThrownBy(() -> Handshake.perform(in, new ByteArrayOutputStream(), new Random(1)))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT);
  }

  @Test
  void perform_truncatedC1_throwsEof() {
    ByteArrayInputStream in = new ByteArrayInputStream(Arrays.copyOf(new byte[] {3}, 100));

    assertThatThrownBy(() -> Handshake.perform(in, new ByteArrayOutputStream(), new Random(1)))
        .isInstanceOf(EOFException.class);
  }
}
