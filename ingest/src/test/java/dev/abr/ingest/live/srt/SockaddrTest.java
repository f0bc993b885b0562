package dev.abr.ingest.live.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SockaddrTest {
  @Test
  void encode_ipv4_isFamilyPortAddressAndZeroPadding() throws Exception {
    byte[] bytes = Sockaddr.encode(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 9000));

    // AF_INET (2) little-endian on x86-64, port 9000 = 0x2328 big-endian, 192.0.2.7, 8 zero bytes.
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("02002328c00002070000000000000000");
  }

  @Test
  void decode_encodedIpv4_roundTrips() throws Exception {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 9000);

    assertThat(Sockaddr.decode(Sockaddr.encode(address))).isEqualTo(address);
  }

  @Test
  void decode_encodedIpv6_roundTrips() throws Exception {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 65535);

    byte[] bytes = Sockaddr.encode(address);

    assertThat(bytes).hasSize(Sockaddr.MAX_BYTES);
    assertThat(Sockaddr.decode(bytes)).isEqualTo(address);
  }

  @Test
  void decode_ipv4MappedIpv6_comesBackAsIpv4() throws Exception {
    byte[] bytes =
        HexFormat.of()
            .parseHex("0a00232800000000" + "00000000000000000000ffffc0000207" + "00000000");

    assertThat(Sockaddr.decode(bytes))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 9000));
  }

  @Test
  void decode_unknownFamily_isRefused() {
    assertThatThrownBy(() -> Sockaddr.decode(new byte[] {1, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_truncatedIpv6_isRefused() {
    assertThatThrownBy(() -> Sockaddr.decode(HexFormat.of().parseHex("0a002328000000000000")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
