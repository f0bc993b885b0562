/**
 * The embedded single-node KRaft Kafka broker of the all-in-one mode and of the tests.
 *
 * <p>This is the only package that touches Kafka's internal server classes; everything else talks
 * to a broker through the public client API and a bootstrap address.
 */
@NullMarked
package dev.abr.broker;

import org.jspecify.annotations.NullMarked;
