package dev.abr.s3;

import java.util.List;
import java.util.regex.Pattern;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Works around an s3proxy 4.1.0 listing bug so the contract suite tests our store, not s3proxy.
 *
 * <p>The nio2 backends write an object to {@code <key>-<random UUID>} beside the key, then rename
 * it; a listing made during the write shows that temporary name as if it were an object. Real S3
 * never lists a {@code PutObject} before it completes. This store hides those names from listings.
 */
final class HidingTemporaryFilesBlobStore extends ForwardingBlobStore {
  private static final Pattern TEMPORARY =
      Pattern.compile(".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  HidingTemporaryFilesBlobStore(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    ListObjectsV2Response page = super.list(request);
    List<S3Object> objects =
        page.contents().stream().filter(o -> !TEMPORARY.matcher(o.key()).matches()).toList();
    if (objects.size() == page.contents().size()) {
      return page;
    }
    return page.toBuilder()
        .contents(objects)
        .keyCount(objects.size() + page.commonPrefixes().size())
        .build();
  }
}
