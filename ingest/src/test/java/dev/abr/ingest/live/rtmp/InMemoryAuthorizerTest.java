package dev.abr.ingest.live.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class InMemoryAuthorizerTest {
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

  private static PublishRequest request(String app, String key) {
    return new PublishRequest(app, StreamKey.of(key), PEER);
  }

  @Test
  void authorize_registeredKey_grantsItsStreamId() {
    InMemoryAuthorizer authorizer = new InMemoryAuthorizer("live");
    authorizer.register(StreamKey.of("secret-1"), "cam-1");

    assertThat(authorizer.authorize(request("live", "secret-1")))
        .isEqualTo(Authorization.grant("cam-1"));
  }

  @Test
  void authorize_unknownKey_refusesAsUnknown() {
    InMemoryAuthorizer authorizer = new InMemoryAuthorizer("live");
    authorizer.register(StreamKey.of("secret-1"), "cam-1");

    assertThat(authorizer.authorize(request("live", "secret-2")))
        .isEqualTo(Authorization.refuse(RefusalReason.UNKNOWN_KEY));
  }

  @Test
  void authorize_revokedKey_refusesAsRevoked() {
    InMemoryAuthorizer authorizer = new InMemoryAuthorizer("live");
    authorizer.register(StreamKey.of("secret-1"), "cam-1");

    assertThat(authorizer.revoke(StreamKey.of("secret-1"))).contains("cam-1");
    assertThat(authorizer.authorize(request("live", "secret-1")))
        .isEqualTo(Authorization.refuse(RefusalReason.REVOKED_KEY));
  }

  @Test
  void authorize_otherApp_refusesAsWrongApp() {
    InMemoryAuthorizer authorizer = new InMemoryAuthorizer("live");
    authorizer.register(StreamKey.of("secret-1"), "cam-1");

    assertThat(authorizer.authorize(request("vod", "secret-1")))
        .isEqualTo(Authorization.refuse(RefusalReason.WRONG_APP));
  }

  @Test
  void register_sameKeyTwice_throws() {
    InMemoryAuthorizer authorizer = new InMemoryAuthorizer("live");
    authorizer.register(StreamKey.of("secret-1"), "cam-1");

    assertThatThrownBy(() -> authorizer.register(StreamKey.of("secret-1"), "cam-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("secret-1");
  }

  @Test
  void register_streamIdWithSlash_throws() {
    InMemoryAuthorizer authorizer = new InMemoryAuthorizer("live");

    assertThatThrownBy(() -> authorizer.register(StreamKey.of("secret-1"), "../cam"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void streamKey_toString_isRedacted() {
    assertThat(StreamKey.of("secret-1").toString()).isEqualTo("StreamKey[redacted]");
    assertThat(request("live", "secret-1").toString()).doesNotContain("secret-1");
  }
}
