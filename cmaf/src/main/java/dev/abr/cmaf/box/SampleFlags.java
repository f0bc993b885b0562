package dev.abr.cmaf.box;

/**
 * The 32-bit sample flags of {@code trex}, {@code tfhd} and {@code trun} (ISO/IEC 14496-12
 * §8.8.3.1): {@code reserved(4) is_leading(2) sample_depends_on(2) sample_is_depended_on(2)
 * sample_has_redundancy(2) sample_padding_value(3) sample_is_non_sync_sample(1)
 * sample_degradation_priority(16)}. Kept as the raw bits so that any value read is written back
 * unchanged.
 *
 * @param bits the flags as written
 */
public record SampleFlags(int bits) {
  /** {@code sample_depends_on}: unknown. */
  public static final int DEPENDS_ON_UNKNOWN = 0;

  /** {@code sample_depends_on}: this sample depends on others (not an I picture). */
  public static final int DEPENDS_ON_OTHERS = 1;

  /** {@code sample_depends_on}: this sample does not depend on others (I picture). */
  public static final int DEPENDS_ON_NONE = 2;

  /** All zero: nothing known, and (since {@code is_non_sync_sample} is 0) a sync sample. */
  public static final SampleFlags NONE = new SampleFlags(0);

  /** A sync sample (key frame): depends on no other sample. */
  public static final SampleFlags SYNC = of(DEPENDS_ON_NONE, /* nonSync= */ false);

  /** A non-sync sample (a P or B picture): depends on others. */
  public static final SampleFlags NON_SYNC = of(DEPENDS_ON_OTHERS, /* nonSync= */ true);

  /**
   * Returns flags with only {@code sample_depends_on} and {@code sample_is_non_sync_sample} set.
   */
  public static SampleFlags of(int dependsOn, boolean nonSync) {
    if (dependsOn < 0 || dependsOn > 3) {
      throw new IllegalArgumentException("sample_depends_on is 2 bits: " + dependsOn);
    }
    return new SampleFlags((dependsOn << 24) | (nonSync ? 1 << 16 : 0));
  }

  /** {@code is_leading}, 0..3. */
  public int isLeading() {
    return (bits >>> 26) & 0x3;
  }

  /** {@code sample_depends_on}, 0..3; see the {@code DEPENDS_ON_*} constants. */
  public int dependsOn() {
    return (bits >>> 24) & 0x3;
  }

  /** {@code sample_is_depended_on}, 0..3. */
  public int isDependedOn() {
    return (bits >>> 22) & 0x3;
  }

  /** {@code sample_has_redundancy}, 0..3. */
  public int hasRedundancy() {
    return (bits >>> 20) & 0x3;
  }

  /** {@code sample_padding_value}, 0..7. */
  public int paddingValue() {
    return (bits >>> 17) & 0x7;
  }

  /** {@code sample_is_non_sync_sample}: true for samples that are not key frames. */
  public boolean isNonSync() {
    return ((bits >>> 16) & 0x1) != 0;
  }

  /** {@code sample_degradation_priority}, 0..65535. */
  public int degradationPriority() {
    return bits & 0xFFFF;
  }

  /** Returns true for a sync sample (a key frame): {@code sample_is_non_sync_sample} is 0. */
  public boolean isSync() {
    return !isNonSync();
  }
}
