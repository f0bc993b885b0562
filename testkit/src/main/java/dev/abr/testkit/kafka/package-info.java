/**
 * A real Kafka broker for tests: {@link dev.abr.testkit.kafka.KafkaExtension} starts one embedded
 * KRaft broker per test JVM and hands tests a {@link dev.abr.testkit.kafka.TestKafka}.
 */
@NullMarked
package dev.abr.testkit.kafka;

import org.jspecify.annotations.NullMarked;
