/**
 * Object storage on S3 and S3-compatible servers ({@link dev.abr.s3.S3ObjectStore}), and storage
 * locations written as text ({@link dev.abr.s3.StorageLocation#parse}: a folder path or {@code
 * s3://bucket/prefix?...}).
 */
@NullMarked
package dev.abr.s3;

import org.jspecify.annotations.NullMarked;
