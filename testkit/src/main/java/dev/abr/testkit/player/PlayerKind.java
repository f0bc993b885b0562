package dev.abr.testkit.player;

/** Which player of the origin's page plays a stream. */
public enum PlayerKind {
  /** hls.js, for HLS multivariant or media playlists. */
  HLS_JS("hls"),
  /** dash.js, for DASH MPDs. */
  DASH_JS("dash");

  private final String pageName;

  PlayerKind(String pageName) {
    this.pageName = pageName;
  }

  /** The player's name in the page's {@code window.abrTest} API. */
  String pageName() {
    return pageName;
  }
}
