package dev.abr.packager.dash;

/** {@code AdaptationSet@contentType}, an RFC 6838 top-level type (ISO/IEC 23009-1 §5.3.3.2). */
public enum ContentType {
  VIDEO("video"),
  AUDIO("audio"),
  TEXT("text");

  private final String attributeValue;

  ContentType(String attributeValue) {
    this.attributeValue = attributeValue;
  }

  /** The value written in the MPD. */
  public String attributeValue() {
    return attributeValue;
  }
}
