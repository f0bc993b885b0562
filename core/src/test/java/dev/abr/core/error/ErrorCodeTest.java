package dev.abr.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {
  @ParameterizedTest
  @EnumSource(
      value = ErrorCode.class,
      names = {"WORKER_OVERLOADED", "STORAGE_UNAVAILABLE", "KAFKA_UNAVAILABLE", "SOURCE_UNAVAILABLE"})
  void isRetriable_resourceOrExternalFailure_isTrue(ErrorCode code) {
    assertThat(code.isRetriable()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = ErrorCode.class,
      names = {"WORKER_OVERLOADED", "STORAGE_UNAVAILABLE", "KAFKA_UNAVAILABLE", "SOURCE_UNAVAILABLE"},
      mode = EnumSource.Mode.EXCLUDE)
  void isRetriable_inputOrInternalFailure_isFalse(ErrorCode code) {
    assertThat(code.isRetriable()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(value = ErrorCode.class, names = "INPUT_.*", mode = EnumSource.Mode.MATCH_ALL)
  void kind_inputCodes_isInput(ErrorCode code) {
    assertThat(code.kind()).isEqualTo(ErrorKind.INPUT);
  }

  @Test
  void wrap_pipelineException_returnsItUnchanged() {
    PipelineException failure = new PipelineException(ErrorCode.DECODE_FAILED, "bad packet");

    assertThat(PipelineException.wrap(failure, "chunk 3")).isSameAs(failure);
  }

  @Test
  void wrap_otherException_isInternalErrorWithContext() {
    PipelineException wrapped =
        PipelineException.wrap(new IllegalStateException("boom"), "chunk 3");

    assertThat(wrapped.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(wrapped).hasMessage("chunk 3: java.lang.IllegalStateException: boom");
  }
}
