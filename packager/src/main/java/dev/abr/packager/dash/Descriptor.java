package dev.abr.packager.dash;

/**
 * A DASH descriptor (ISO/IEC 23009-1 §5.8.2, {@code DescriptorType}): a scheme URI and a value.
 * Used here for {@code AudioChannelConfiguration} and {@code UTCTiming}.
 *
 * @param schemeIdUri the scheme, a URI; not blank
 * @param value the value in that scheme
 */
public record Descriptor(String schemeIdUri, String value) {
  /** MPEG CICP channel configuration (ISO/IEC 23091-3), the DASH-IF choice for AAC. */
  public static final String CICP_CHANNEL_CONFIGURATION =
      "urn:mpeg:mpegB:cicp:ChannelConfiguration";

  /** UTC time from an HTTP resource whose body is an xs:dateTime (ISO/IEC 23009-1 §5.8.5.7). */
  public static final String UTC_HTTP_ISO = "urn:mpeg:dash:utc:http-iso:2014";

  /** UTC time from an HTTP HEAD request's {@code Date} header. */
  public static final String UTC_HTTP_HEAD = "urn:mpeg:dash:utc:http-head:2014";

  public Descriptor {
    if (schemeIdUri.isBlank()) {
      throw new IllegalArgumentException("a descriptor needs a schemeIdUri");
    }
  }

  /**
   * Returns an {@code AudioChannelConfiguration} with the CICP {@code ChannelConfiguration} code: 1
   * mono, 2 stereo, 6 for 5.1, 12 for 7.1 (ISO/IEC 23091-3 Table 2).
   */
  public static Descriptor cicpChannelConfiguration(int code) {
    if (code <= 0) {
      throw new IllegalArgumentException("channel configuration code must be positive: " + code);
    }
    return new Descriptor(CICP_CHANNEL_CONFIGURATION, Integer.toString(code));
  }

  /** Returns a {@code UTCTiming} pointing at an HTTP resource that answers an xs:dateTime. */
  public static Descriptor utcTimingHttpIso(String url) {
    return new Descriptor(UTC_HTTP_ISO, url);
  }
}
