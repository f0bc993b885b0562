package dev.abr.ingest.live.srt;

import com.sun.jna.Pointer;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Linux {@code struct sockaddr_in} / {@code sockaddr_in6} bytes, the addresses libsrt takes and
 * returns: the family in host byte order, then the port and address in network byte order (POSIX
 * {@code <netinet/in.h>}; Linux has no BSD {@code sin_len} byte).
 */
final class Sockaddr {
  static final short AF_INET = 2;
  static final short AF_INET6 = 10;

  /** {@code sizeof(struct sockaddr_in)}. */
  static final int IPV4_BYTES = 16;

  /** {@code sizeof(struct sockaddr_in6)}: large enough for either family. */
  static final int MAX_BYTES = 28;

  private Sockaddr() {}

  /** The {@code sockaddr} of {@code address}, which must be resolved. */
  static byte[] encode(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      throw new IllegalArgumentException("address is not resolved: " + address);
    }
    if (ip instanceof Inet4Address) {
      ByteBuffer buffer = ByteBuffer.allocate(IPV4_BYTES);
      buffer.order(ByteOrder.nativeOrder()).putShort(AF_INET);
      buffer.order(ByteOrder.BIG_ENDIAN).putShort((short) address.getPort()).put(ip.getAddress());
      return buffer.array();
    }
    ByteBuffer buffer = ByteBuffer.allocate(MAX_BYTES);
    buffer.order(ByteOrder.nativeOrder()).putShort(AF_INET6);
    buffer.order(ByteOrder.BIG_ENDIAN).putShort((short) address.getPort()).putInt(0); // flowinfo
    buffer.put(ip.getAddress());
    buffer.order(ByteOrder.nativeOrder()).putInt(((Inet6Address) ip).getScopeId());
    return buffer.array();
  }

  /** Reads a {@code sockaddr} of either family from native memory. */
  static InetSocketAddress decode(Pointer address) {
    short family = address.getShort(0);
    return decode(address.getByteArray(0, family == AF_INET ? IPV4_BYTES : MAX_BYTES));
  }

  /**
   * Decodes {@code bytes}, a {@code sockaddr_in} or {@code sockaddr_in6}.
   *
   * @throws IllegalArgumentException for another family or too few bytes
   */
  static InetSocketAddress decode(byte[] bytes) {
    if (bytes.length < 2) {
      throw new IllegalArgumentException("sockaddr shorter than its family field");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    short family = buffer.order(ByteOrder.nativeOrder()).getShort();
    int length = family == AF_INET ? IPV4_BYTES : MAX_BYTES;
    if (family != AF_INET && family != AF_INET6) {
      throw new IllegalArgumentException("unsupported address family " + family);
    }
    if (bytes.length < length) {
      throw new IllegalArgumentException(
          "sockaddr of family " + family + " has " + bytes.length + " bytes, needs " + length);
    }
    int port = buffer.order(ByteOrder.BIG_ENDIAN).getShort() & 0xFFFF;
    try {
      if (family == AF_INET) {
        return new InetSocketAddress(
            InetAddress.getByAddress(Arrays.copyOfRange(bytes, 4, 8)), port);
      }
      int scopeId = ByteBuffer.wrap(bytes, 24, 4).order(ByteOrder.nativeOrder()).getInt();
      byte[] ip = Arrays.copyOfRange(bytes, 8, 24);
      InetAddress address =
          scopeId == 0
              ? InetAddress.getByAddress(ip) // an IPv4-mapped address comes back as IPv4
              : Inet6Address.getByAddress(null, ip, scopeId);
      return new InetSocketAddress(address, port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("malformed address bytes", e); // lengths are fixed above
    }
  }
}
