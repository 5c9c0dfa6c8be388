import CopydeskWorkspace
import Foundation
import Testing

// Tests run as root in CI containers, where chmod alone does not stop a write. The writer judges write
// permission by the mode bits as well as access(2), so these tests make files and folders read-only
// with chmod and expect a refusal either way.
@Suite("AtomicFileWriter")
struct AtomicFileWriterTests {
  let original = Array("original text\n".utf8)
  let replacement = Array("new text\r\n".utf8)

  @Test func replacesContentKeepingPermissions() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("draft.md", original, mode: 0o640)
    let snapshot = try FileSnapshot.read(path)
    try AtomicFileWriter().replace(snapshot, with: replacement)
    #expect(try folder.read("draft.md") == replacement)
    #expect(try folder.mode("draft.md") == 0o640)
    #expect(try folder.entries() == ["draft.md"])
    // Replaced by rename, not rewritten in place: a reader holding the old file never sees a mix.
    let after = try FileSnapshot.read(path)
    #expect(after.metadata.inode != snapshot.metadata.inode)
  }

  @Test func writesThroughASymbolicLink() throws {
    let folder = try ScratchFolder()
    try folder.write("target.md", original)
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.md", withDestinationPath: "target.md")
    try AtomicFileWriter().replace(try FileSnapshot.read(folder.path + "/link.md"), with: replacement)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/link.md") == "target.md")
    #expect(try folder.read("target.md") == replacement)
    #expect(try folder.entries() == ["link.md", "target.md"])
  }

  @Test func refusesAReadOnlyFile() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("draft.md", original, mode: 0o444)
    let snapshot = try FileSnapshot.read(path)
    #expect(throws: FileAccessError.readOnlyFile) { try AtomicFileWriter().replace(snapshot, with: replacement) }
    #expect(try folder.read("draft.md") == original)
    #expect(try folder.mode("draft.md") == 0o444)
    #expect(try folder.entries() == ["draft.md"])
  }

  @Test func refusesAFolderThatIsNotWritable() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("draft.md", original)
    let snapshot = try FileSnapshot.read(path)
    chmod(folder.path, 0o555)
    defer { chmod(folder.path, 0o755) }
    #expect(throws: FileAccessError.folderNotWritable) { try AtomicFileWriter().replace(snapshot, with: replacement) }
    chmod(folder.path, 0o755)
    #expect(try folder.read("draft.md") == original)
    #expect(try folder.entries() == ["draft.md"])
  }

  @Test func refusesAFileChangedBetweenReadAndWrite() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("draft.md", original)
    let snapshot = try FileSnapshot.read(path)
    let theirs = Array("someone else's edit\n".utf8)
    let writer = AtomicFileWriter(beforeCommit: { target in
      // Another editor saves at the worst moment: after the temporary file is written, before the rename.
      try? Data(theirs).write(to: URL(fileURLWithPath: target))
    })
    #expect(throws: FileAccessError.changedSinceRead) { try writer.replace(snapshot, with: replacement) }
    #expect(try folder.read("draft.md") == theirs)
    #expect(try folder.entries() == ["draft.md"])
  }

  @Test func refusesWhenTheSameBytesWereSavedAgain() throws {
    // Same content, new modification time: someone saved; the writer does not guess that it is harmless.
    let folder = try ScratchFolder()
    let path = try folder.write("draft.md", original)
    let snapshot = try FileSnapshot.read(path)
    let writer = AtomicFileWriter(beforeCommit: { target in
      var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
      _ = utimensat(AT_FDCWD, target, &times, 0)
    })
    #expect(throws: FileAccessError.changedSinceRead) { try writer.replace(snapshot, with: replacement) }
    #expect(try folder.read("draft.md") == original)
    #expect(try folder.entries() == ["draft.md"])
  }

  @Test func refusesAFileDeletedOrReplacedMeanwhile() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("draft.md", original)
    let snapshot = try FileSnapshot.read(path)
    let deleting = AtomicFileWriter(beforeCommit: { unlink($0) })
    #expect(throws: FileAccessError.changedSinceRead) { try deleting.replace(snapshot, with: replacement) }
    #expect(try folder.entries() == [])

    let second = try folder.write("other.md", original)
    let secondSnapshot = try FileSnapshot.read(second)
    let replacing = AtomicFileWriter(beforeCommit: { target in
      unlink(target)
      FileManager.default.createFile(atPath: target, contents: Data("original text\n".utf8))
    })
    #expect(throws: FileAccessError.changedSinceRead) { try replacing.replace(secondSnapshot, with: replacement) }
    #expect(try folder.read("other.md") == original)
    #expect(try folder.entries() == ["other.md"])
  }

  @Test func snapshotErrors() throws {
    let folder = try ScratchFolder()
    #expect(throws: FileAccessError.notFound) { try FileSnapshot.read(folder.path + "/missing.md") }
    #expect(throws: FileAccessError.notRegularFile) { try FileSnapshot.read(folder.path) }
    let path = try folder.write("big.md", Array(repeating: 0x61, count: 100))
    #expect(throws: FileAccessError.tooLarge(bytes: 100, limit: 10)) { try FileSnapshot.read(path, maxBytes: 10) }
    #expect(try FileSnapshot.read(path, maxBytes: 100).bytes.count == 100)
  }

  @Test func errorMessagesSayWhatHappenedToTheFile() {
    #expect(FileAccessError.readOnlyFile.description == "the file is read-only; it was left unchanged")
    #expect(FileAccessError.folderNotWritable.description == "its folder is not writable; the file was left unchanged")
    #expect(
      FileAccessError.changedSinceRead.description.hasPrefix(
        "the file changed on disk after it was read; it was not overwritten"))
  }
}
