package dev.abr.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalObjectStore} against the object store contract, plus what is particular to it. */
class LocalObjectStoreTest extends AbstractObjectStoreContractTest {
  @TempDir Path folder;

  @Override
  protected ObjectStore createStore() throws IOException {
    return new LocalObjectStore(folder.resolve("store"));
  }

  private LocalObjectStore local() {
    return (LocalObjectStore) store();
  }

  @Override
  protected void leaveInterruptedWrite(String key) throws IOException {
    // What putAtomically leaves when the process dies between writing and renaming.
    Path target = local().pathOf(key);
    Files.createDirectories(target.getParent());
    Files.write(
        target.resolveSibling(".tmp-" + target.getFileName() + "-interrupted"),
        "half".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void constructor_missingFolder_createsIt() throws IOException {
    Path root = folder.resolve("new/nested");

    new LocalObjectStore(root);

    assertThat(root).isDirectory();
  }

  @Test
  void pathOf_key_isTheFileUnderTheRoot() {
    assertThat(local().pathOf("a/b.m4s")).isEqualTo(local().root().resolve("a").resolve("b.m4s"));
  }

  @Test
  void localFile_object_isTheStoredFileItself() throws IOException {
    store().putAtomically("a/x.bin", new byte[] {1});

    try (ObjectStore.LocalFile file = store().localFile("a/x.bin")) {
      assertThat(file.path()).isEqualTo(local().pathOf("a/x.bin"));
    }
  }

  @Test
  void putAtomically_afterwards_leavesNoTemporaryFile() throws IOException {
    store().putAtomically("a/x.bin", new byte[1000]);
    store().putAtomically("a/x.bin", new byte[10]);

    List<String> names;
    try (Stream<Path> files = Files.list(local().pathOf("a"))) {
      names = files.map(p -> p.getFileName().toString()).toList();
    }
    assertThat(names).containsExactly("x.bin");
  }

  @Test
  void putIfAbsent_wonOrLost_leavesNoTemporaryFile() throws IOException {
    store().putIfAbsent("a/x.bin", new byte[1000]);
    store().putIfAbsent("a/x.bin", new byte[10]);

    List<String> names;
    try (Stream<Path> files = Files.list(local().pathOf("a"))) {
      names = files.map(p -> p.getFileName().toString()).toList();
    }
    assertThat(names).containsExactly("x.bin");
  }

  @Test
  void putIfAbsent_folderWithThatName_throwsNamingTheKey() throws IOException {
    store().putAtomically("a/b/c.bin", new byte[1]);

    assertThatThrownBy(() -> store().putIfAbsent("a/b", new byte[1]))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot create object a/b: a folder has that name");
  }

  @Test
  void describe_namesTheFolder() {
    assertThat(store().describe()).isEqualTo("folder " + local().root());
  }
}
