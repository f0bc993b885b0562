package dev.abr.testkit.kafka;

/**
 * One handler run seen by a {@link RecordingHandler}.
 *
 * @param worker the client id of the worker that ran it
 * @param partition the record's partition
 * @param offset the record's offset
 * @param message the record's value
 * @param attempt the attempt number, from 1
 * @param succeeded whether the handler returned normally
 */
record Handled(
    String worker,
    int partition,
    long offset,
    TestMessage message,
    int attempt,
    boolean succeeded) {}
