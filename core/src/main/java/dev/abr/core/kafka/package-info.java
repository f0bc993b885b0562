/**
 * Kafka plumbing shared by every role: topic creation ({@link dev.abr.core.kafka.KafkaTopics}), a
 * JSON producer ({@link dev.abr.core.kafka.JsonProducer}), the consumer loop for long work ({@link
 * dev.abr.core.kafka.KafkaWorker}) and a read-only tail for the command line ({@link
 * dev.abr.core.kafka.TopicTail}).
 *
 * <p>Everything here talks to a broker through the public client API only; delivery is
 * at-least-once, so every handler must be idempotent (see {@code ARCHITECTURE.md}).
 */
@NullMarked
package dev.abr.core.kafka;

import org.jspecify.annotations.NullMarked;
