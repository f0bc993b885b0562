package dev.abr.cmaf.box;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleFlagsTest {
  @Test
  void sync_constant_dependsOnNothingAndIsSync() {
    assertThat(SampleFlags.SYNC.bits()).isEqualTo(0x0200_0000);
    assertThat(SampleFlags.SYNC.dependsOn()).isEqualTo(SampleFlags.DEPENDS_ON_NONE);
    assertThat(SampleFlags.SYNC.isSync()).isTrue();
  }

  @Test
  void nonSync_constant_dependsOnOthersAndIsNotSync() {
    assertThat(SampleFlags.NON_SYNC.bits()).isEqualTo(0x0101_0000);
    assertThat(SampleFlags.NON_SYNC.dependsOn()).isEqualTo(SampleFlags.DEPENDS_ON_OTHERS);
    assertThat(SampleFlags.NON_SYNC.isNonSync()).isTrue();
  }

  @Test
  void accessors_allFieldsSet_decodeEachField() {
    // is_leading 3, depends_on 1, is_depended_on 2, has_redundancy 1, padding 5, non-sync,
    // degradation priority 0x1234
    SampleFlags flags = new SampleFlags(0b0000_11_01_10_01_101_1 << 16 | 0x1234);

    assertThat(flags.isLeading()).isEqualTo(3);
    assertThat(flags.dependsOn()).isEqualTo(1);
    assertThat(flags.isDependedOn()).isEqualTo(2);
    assertThat(flags.hasRedundancy()).isEqualTo(1);
    assertThat(flags.paddingValue()).isEqualTo(5);
    assertThat(flags.isNonSync()).isTrue();
    assertThat(flags.degradationPriority()).isEqualTo(0x1234);
  }
}
