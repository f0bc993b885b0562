package dev.abr.packager.dash;

/** {@code MPD@type} (ISO/IEC 23009-1 §5.3.1.2). */
public enum MpdType {
  /** On demand: every segment is available and the MPD does not change. */
  STATIC("static"),
  /** Live: segments become available over time and the MPD may be updated. */
  DYNAMIC("dynamic");

  private final String attributeValue;

  MpdType(String attributeValue) {
    this.attributeValue = attributeValue;
  }

  /** The value written in the MPD. */
  public String attributeValue() {
    return attributeValue;
  }
}
