package dev.abr.s3;

import dev.abr.core.storage.StorageKeys;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An S3 bucket and key prefix, and how to reach it.
 *
 * @param bucket the bucket name, checked against the S3 naming rules
 * @param prefix the key prefix every object of the store lives under, without leading or trailing
 *     {@code /}; empty for the bucket root
 * @param endpoint the S3 endpoint for S3-compatible servers (MinIO, Ceph, s3proxy...), {@code http}
 *     or {@code https} with a host and nothing else; empty for AWS
 * @param pathStyle true to address the bucket in the path ({@code host/bucket/key}) rather than in
 *     the host name ({@code bucket.host/key}); most S3-compatible servers need true
 * @param region the signing region, e.g. {@code us-east-1}; empty for the AWS default region chain
 *     (falling back to {@code us-east-1})
 */
public record S3Location(
    String bucket,
    String prefix,
    Optional<URI> endpoint,
    boolean pathStyle,
    Optional<String> region)
    implements StorageLocation {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");

  /** Validates every part; messages name the bad part and never echo user info. */
  public S3Location {
    checkBucket(bucket);
    prefix = trimSlashes(prefix);
    if (!prefix.isEmpty()) {
      try {
        StorageKeys.check(prefix);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad S3 key prefix: " + e.getMessage(), e);
      }
    }
    endpoint.ifPresent(S3Location::checkEndpoint);
    region.ifPresent(
        r -> {
          if (!REGION.matcher(r).matches()) {
            throw new IllegalArgumentException(
                "bad S3 region \"" + printable(r) + "\": use a name like us-east-1");
          }
        });
  }

  /** A bucket and prefix on AWS, addressed virtual-host style, region from the default chain. */
  public static S3Location of(String bucket, String prefix) {
    return new S3Location(bucket, prefix, Optional.empty(), false, Optional.empty());
  }

  /** This location on an S3-compatible server at {@code endpoint}, path-style, in us-east-1. */
  public S3Location withEndpoint(URI endpoint) {
    return new S3Location(bucket, prefix, Optional.of(endpoint), true, Optional.of("us-east-1"));
  }

  /** This location with another key prefix. */
  public S3Location withPrefix(String newPrefix) {
    return new S3Location(bucket, newPrefix, endpoint, pathStyle, region);
  }

  /** The full S3 object key of store key {@code key} (checked by {@link StorageKeys#check}). */
  public String objectKey(String key) {
    return StorageKeys.join(prefix, StorageKeys.check(key));
  }

  /**
   * Opens an {@link S3ObjectStore} here with {@link S3Options#defaults()} (credentials from the AWS
   * default chain) and checks the bucket.
   */
  @Override
  public S3ObjectStore open() throws IOException {
    return S3ObjectStore.open(this, S3Options.defaults());
  }

  /** {@code s3://bucket/prefix (host)}: the endpoint's host and port, or the AWS host. */
  @Override
  public String describe() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + " (" + host() + ")";
  }

  /** The endpoint's {@code host[:port]}, or {@code s3.amazonaws.com} for AWS. */
  String host() {
    return endpoint
        .map(e -> e.getHost() + (e.getPort() < 0 ? "" : ":" + e.getPort()))
        .orElse(region.map(r -> "s3." + r + ".amazonaws.com").orElse("s3.amazonaws.com"));
  }

  /** Parses {@code s3://bucket/prefix?endpoint=...&pathStyle=...&region=...}. */
  static S3Location parse(String text) {
    String rest = text.substring("s3://".length());
    if (rest.indexOf('#') >= 0) {
      throw new IllegalArgumentException("S3 storage URL must not have a #fragment");
    }
    int queryStart = rest.indexOf('?');
    String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
    String location = queryStart < 0 ? rest : rest.substring(0, queryStart);
    int pathStart = location.indexOf('/');
    String bucket = pathStart < 0 ? location : location.substring(0, pathStart);
    String prefix = pathStart < 0 ? "" : location.substring(pathStart + 1);
    if (bucket.contains("@")) {
      throw new IllegalArgumentException(
          "S3 storage URL must not carry credentials: remove the part before '@' and provide"
              + " credentials through AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile"
              + " (AWS_PROFILE) or a container/instance role");
    }
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "S3 storage URL names no bucket: write s3://bucket or s3://bucket/prefix");
    }
    Map<String, String> parameters = parameters(query);
    Optional<URI> endpoint = Optional.ofNullable(parameters.get("endpoint")).map(S3Location::uri);
    boolean pathStyle =
        Optional.ofNullable(parameters.get("pathStyle"))
            .map(S3Location::bool)
            .orElse(endpoint.isPresent());
    Optional<String> region = Optional.ofNullable(parameters.get("region"));
    if (region.isEmpty() && endpoint.isPresent()) {
      region = Optional.of("us-east-1");
    }
    return new S3Location(bucket, prefix, endpoint, pathStyle, region);
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new HashMap<>();
    if (query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&", -1)) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!name.equals("endpoint") && !name.equals("pathStyle") && !name.equals("region")) {
        // Name only: an unknown parameter's value could be a secret someone tried to pass.
        throw new IllegalArgumentException(
            "unknown S3 storage URL parameter \""
                + printable(name)
                + "\" (known: endpoint, pathStyle, region; credentials never go in the URL)");
      }
      if (parameters.put(name, value) != null) {
        throw new IllegalArgumentException(
            "S3 storage URL parameter \"" + name + "\" is given twice");
      }
    }
    return parameters;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("S3 storage URL has a bad %-escape in its parameters", e);
    }
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "bad S3 endpoint: use http://host:port or https://host, with no user info, path or"
              + " query",
          e);
    }
  }

  private static boolean bool(String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "S3 storage URL parameter pathStyle must be true or false, not \""
                  + printable(text)
                  + "\"");
    };
  }

  private static void checkBucket(String bucket) {
    if (!BUCKET.matcher(bucket).matches()
        || bucket.contains("..")
        || IPV4.matcher(bucket).matches()
        || bucket.startsWith("xn--")
        || bucket.endsWith("-s3alias")) {
      throw new IllegalArgumentException(
          "bad S3 bucket name \""
              + printable(bucket)
              + "\": use 3-63 lowercase letters, digits, dots and hyphens, starting and ending"
              + " with a letter or digit");
    }
  }

  private static void checkEndpoint(URI endpoint) {
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme();
    boolean bare =
        endpoint.getRawUserInfo() == null
            && endpoint.getRawQuery() == null
            && endpoint.getRawFragment() == null
            && (endpoint.getRawPath() == null
                || endpoint.getRawPath().isEmpty()
                || endpoint.getRawPath().equals("/"));
    if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null || !bare) {
      // Never echo the endpoint: it might carry user info.
      throw new IllegalArgumentException(
          "bad S3 endpoint: use http://host:port or https://host, with no user info, path or"
              + " query");
    }
  }

  private static String trimSlashes(String prefix) {
    int start = 0;
    int end = prefix.length();
    while (start < end && prefix.charAt(start) == '/') {
      start++;
    }
    while (end > start && prefix.charAt(end - 1) == '/') {
      end--;
    }
    return prefix.substring(start, end);
  }

  /** Text safe to put in a one-line message: control characters replaced, at most 80 chars. */
  private static String printable(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 80 ? clean : clean.substring(0, 80) + "...";
  }

  @Override
  public String toString() {
    return "S3Location[" + describe() + (pathStyle ? ", path-style" : "") + "]";
  }
}
