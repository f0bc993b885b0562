package dev.abr.ingest.live.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemorySrtAuthorizerTest {
  private static final SrtPassphrase PASSPHRASE = SrtPassphrase.of("correct-horse-battery");

  private final InMemorySrtAuthorizer authorizer = new InMemorySrtAuthorizer();

  private static SrtPublishRequest request(String resource) {
    return new SrtPublishRequest(
        resource, Optional.empty(), new InetSocketAddress("127.0.0.1", 40000));
  }

  @Test
  void authorize_registeredStream_isGrantedWithItsPassphrase() {
    authorizer.register("cam-1", PASSPHRASE);

    assertThat(authorizer.authorize(request("cam-1")))
        .isEqualTo(new SrtAuthorization.Granted("cam-1", PASSPHRASE));
  }

  @Test
  void authorize_unknownStream_isRefusedAsUnknown() {
    authorizer.register("cam-1", PASSPHRASE);

    assertThat(authorizer.authorize(request("cam-2")))
        .isEqualTo(SrtAuthorization.refuse(SrtRefusalReason.UNKNOWN_STREAM));
  }

  @Test
  void authorize_revokedStream_isRefusedAsForbidden() {
    authorizer.register("cam-1", PASSPHRASE);

    boolean revoked = authorizer.revoke("cam-1");

    assertThat(revoked).isTrue();
    assertThat(authorizer.authorize(request("cam-1")))
        .isEqualTo(SrtAuthorization.refuse(SrtRefusalReason.FORBIDDEN));
  }

  @Test
  void revoke_unknownStream_returnsFalse() {
    assertThat(authorizer.revoke("cam-1")).isFalse();
  }

  @Test
  void register_invalidStreamId_isRefused() {
    assertThatThrownBy(() -> authorizer.register("cam 1", PASSPHRASE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_countsStreamsWithoutShowingThem() {
    authorizer.register("cam-1", PASSPHRASE);

    assertThat(authorizer).hasToString("InMemorySrtAuthorizer[1 streams]");
  }
}
