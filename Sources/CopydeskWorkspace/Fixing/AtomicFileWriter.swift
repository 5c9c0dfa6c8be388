import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a draft could not be read for fixing or written back.
public enum FileAccessError: Error, Sendable, Hashable, CustomStringConvertible {
  case notFound
  case permissionDenied
  case notRegularFile
  case tooLarge(bytes: Int, limit: Int)
  /// The file has no write permission (for root too: see `AtomicFileWriter`).
  case readOnlyFile
  /// The folder holding the file does not allow creating the temporary file.
  case folderNotWritable
  /// Its bytes or metadata differ from when it was read: someone else saved it meanwhile.
  case changedSinceRead
  /// A system call failed; `operation` says what was being done.
  case system(operation: String, code: Int32)

  public var description: String {
    switch self {
    case .notFound: "no such file"
    case .permissionDenied: "permission denied"
    case .notRegularFile: "not a regular file"
    case .tooLarge(let bytes, let limit):
      "\(bytes) bytes is over the \(limit)-byte limit (raise \"maxFileBytes\" in .copydesk.json)"
    case .readOnlyFile: "the file is read-only; it was left unchanged"
    case .folderNotWritable: "its folder is not writable; the file was left unchanged"
    case .changedSinceRead:
      "the file changed on disk after it was read; it was not overwritten (run again to fix the new version)"
    case .system(let operation, let code):
      "cannot \(operation): \(String(cString: strerror(code))); the file was left unchanged"
    }
  }
}

extension FileAccessError {
  /// Why `open(2)` (or resolving the path before it) failed with `code`.
  init(openingErrno code: Int32) {
    switch code {
    case ENOENT, ENOTDIR: self = .notFound
    case EACCES, EPERM: self = .permissionDenied
    default: self = .system(operation: "open the file", code: code)
    }
  }
}

/// The metadata that changes whenever a file is written or replaced.
public struct FileMetadata: Sendable, Hashable {
  public var device: UInt64
  public var inode: UInt64
  public var size: Int
  public var modificationSeconds: Int
  public var modificationNanoseconds: Int
  /// Permission and type bits (`st_mode`).
  public var mode: UInt32
  public var owner: UInt32
  public var group: UInt32

  init(_ info: stat) {
    device = UInt64(truncatingIfNeeded: info.st_dev)
    inode = UInt64(truncatingIfNeeded: info.st_ino)
    size = Int(info.st_size)
    #if canImport(Darwin)
      modificationSeconds = Int(info.st_mtimespec.tv_sec)
      modificationNanoseconds = Int(info.st_mtimespec.tv_nsec)
    #else
      modificationSeconds = Int(info.st_mtim.tv_sec)
      modificationNanoseconds = Int(info.st_mtim.tv_nsec)
    #endif
    mode = UInt32(info.st_mode)
    owner = UInt32(info.st_uid)
    group = UInt32(info.st_gid)
  }

  /// Permission bits only.
  public var permissions: UInt32 { mode & 0o7777 }
  var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
}

/// A file as it was read: its bytes and metadata, taken from one open file.
public struct FileSnapshot: Sendable, Hashable {
  /// The real path (symbolic links resolved), so a write replaces the target and keeps the link.
  public let path: String
  public let bytes: [UInt8]
  public let metadata: FileMetadata

  /// Reads a regular file whole.
  ///
  /// The metadata is taken before the bytes are read, so a write racing with the read shows up as a
  /// change when the file is written back.
  public static func read(_ path: String, maxBytes: Int = Int.max) throws(FileAccessError) -> FileSnapshot {
    guard let resolved = realPath(path) else { throw FileAccessError(openingErrno: errno) }
    let descriptor = open(resolved, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw FileAccessError(openingErrno: errno) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .system(operation: "read \(path)", code: errno) }
    let metadata = FileMetadata(info)
    guard metadata.isRegularFile else { throw .notRegularFile }
    guard metadata.size <= maxBytes else { throw .tooLarge(bytes: metadata.size, limit: maxBytes) }
    let bytes = try readAll(descriptor, expected: metadata.size, path: path)
    return FileSnapshot(path: resolved, bytes: bytes, metadata: metadata)
  }

  /// The file's metadata now, or nil when it no longer exists.
  static func currentMetadata(_ path: String) -> FileMetadata? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileMetadata(info)
  }

  private static func realPath(_ path: String) -> String? {
    guard let pointer = realpath(path, nil) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }


  private static func readAll(_ descriptor: Int32, expected: Int, path: String) throws(FileAccessError) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(expected)
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw .system(operation: "read \(path)", code: errno)
      }
      bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
  }
}

/// Replaces a file's content atomically: a temporary file in the same folder, written, flushed to disk
/// with `fsync`, given the original's permissions (and owner and group when allowed), then renamed over
/// the original, and the folder flushed too. A reader sees the old file or the new one, never a mix,
/// and a crash leaves the old file intact.
///
/// Before the rename the file is checked against the snapshot taken when it was read (device, inode,
/// size, modification time, permissions and every byte); if anything differs, someone else saved it,
/// and it is left alone. No temporary file is left behind on any path out of `replace`, errors included.
///
/// - Important: Write permission is judged by the mode bits as well as `access(2)`: a file with no
///   write bit at all is refused as read-only, and a folder with no write bit as not writable, even for
///   root (which `access` always allows). A writer that renames over a file could otherwise defeat a
///   `chmod a-w` that was meant to protect it. A hard-linked file is replaced, not edited through the
///   link, as with most editors' safe saves.
public struct AtomicFileWriter: Sendable {
  /// Called with the target path after the new content is flushed to the temporary file, just before
  /// the final check and the rename. Tests use it to change the file at the worst moment.
  public var beforeCommit: (@Sendable (_ path: String) -> Void)?

  public init(beforeCommit: (@Sendable (_ path: String) -> Void)? = nil) {
    self.beforeCommit = beforeCommit
  }

  /// Writes `bytes` over the file `snapshot` was read from, unless it changed since.
  public func replace(_ snapshot: FileSnapshot, with bytes: [UInt8]) throws(FileAccessError) {
    let path = snapshot.path
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    guard snapshot.metadata.permissions & 0o222 != 0, access(path, W_OK) == 0 else { throw .readOnlyFile }
    guard let folderMetadata = FileSnapshot.currentMetadata(folder), folderMetadata.permissions & 0o222 != 0,
      access(folder, W_OK | X_OK) == 0
    else { throw .folderNotWritable }

    var temporaryPath: String? = nil
    var descriptor: Int32 = -1
    defer {
      if descriptor >= 0 { close(descriptor) }
      if let temporaryPath { unlink(temporaryPath) }
    }
    for _ in 0..<16 {
      let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
      let candidate = folder + "/." + name + ".copydesk-\(getpid())-\(suffix).tmp"
      descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      if descriptor >= 0 {
        temporaryPath = candidate
        break
      }
      let code = errno
      if code == EEXIST { continue }
      if code == EACCES || code == EPERM || code == EROFS { throw .folderNotWritable }
      throw .system(operation: "create a temporary file next to \(name)", code: code)
    }
    guard descriptor >= 0 else { throw .system(operation: "create a temporary file next to \(name)", code: EEXIST) }

    // Owner and group first: changing them may clear set-id bits that the chmod then restores. Only root
    // (or the owner, for a group it belongs to) may do this; otherwise the new file belongs to whoever
    // runs copydesk, as after any editor's safe save.
    _ = fchown(descriptor, uid_t(snapshot.metadata.owner), gid_t(snapshot.metadata.group))
    guard fchmod(descriptor, mode_t(snapshot.metadata.permissions)) == 0 else {
      throw .system(operation: "set the permissions of the temporary file", code: errno)
    }
    try writeAll(bytes, to: descriptor)
    guard fsync(descriptor) == 0 else { throw .system(operation: "flush the temporary file", code: errno) }
    let closed = close(descriptor)
    descriptor = -1
    guard closed == 0 else { throw .system(operation: "close the temporary file", code: errno) }

    beforeCommit?(path)
    guard isUnchanged(snapshot) else { throw .changedSinceRead }
    guard rename(temporaryPath!, path) == 0 else { throw .system(operation: "replace \(name)", code: errno) }
    temporaryPath = nil
    // Flush the folder so the rename itself survives a crash. Best effort: some file systems refuse.
    let folderDescriptor = open(folder, O_RDONLY | O_CLOEXEC)
    if folderDescriptor >= 0 {
      _ = fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }

  /// True when the file still has the snapshot's metadata and bytes.
  private func isUnchanged(_ snapshot: FileSnapshot) -> Bool {
    guard FileSnapshot.currentMetadata(snapshot.path) == snapshot.metadata,
      let now = try? FileSnapshot.read(snapshot.path)
    else { return false }
    return now.metadata == snapshot.metadata && now.bytes == snapshot.bytes
  }

  private func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(FileAccessError) {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw .system(operation: "write the temporary file", code: errno)
      }
      written += count
    }
  }
}

// The C calls, named apart from the methods above that would shadow them.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}
