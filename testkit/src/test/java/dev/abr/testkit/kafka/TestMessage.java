package dev.abr.testkit.kafka;

/**
 * The message the worker tests send.
 *
 * @param key the record key it is sent with
 * @param sequence its number in the order of sending
 */
record TestMessage(String key, int sequence) {}
