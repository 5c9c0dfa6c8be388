#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A draft file opened for positioned reads, with plain system calls: the linter and the corpus index read
/// thousands of files, and Foundation's attribute dictionaries and `Data` copies cost more than the reads.
struct DraftFile {
  let descriptor: Int32
  let size: Int

  /// Opens a regular file. Non-blocking, so a FIFO named like a draft is refused instead of waiting
  /// for a writer.
  static func open(_ path: String) -> Result<DraftFile, FileAccessError> {
    let descriptor = systemOpen(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return .failure(FileAccessError(openingErrno: errno)) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      closeDescriptor(descriptor)
      return .failure(.notRegularFile)
    }
    return .success(DraftFile(descriptor: descriptor, size: Int(info.st_size)))
  }

  /// Opens a regular file; nil when it cannot be opened or is not a regular file.
  init?(path: String) {
    guard case .success(let file) = DraftFile.open(path) else { return nil }
    self = file
  }

  private init(descriptor: Int32, size: Int) {
    self.descriptor = descriptor
    self.size = size
  }

  func close() { closeDescriptor(descriptor) }

  /// Up to `count` bytes from `offset` (fewer at the end of the file or on an error).
  func read(offset: Int, count: Int) -> [UInt8] {
    guard count > 0 else { return [] }
    return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      var done = 0
      while done < count {
        let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
        if got < 0 && errno == EINTR { continue }
        if got <= 0 { break }
        done += got
      }
      initialized = done
    }
  }

  /// The whole file as it is now; a file that grew since it was opened is read to its new end.
  func readAll() -> [UInt8] {
    var bytes = read(offset: 0, count: size)
    guard bytes.count == size else { return bytes }
    // Growth after `fstat` (a writer still appending): read on until the end.
    while true {
      let more = read(offset: bytes.count, count: 64 * 1024)
      if more.isEmpty { return bytes }
      bytes.append(contentsOf: more)
    }
  }

  /// Line breaks (`\n`, `\r\n`, lone `\r`) in the file before `offset`, which starts a line. Uses the
  /// head already read, then reads the rest in chunks into one reused buffer.
  func countLineBreaks(before offset: Int, head: [UInt8]) -> Int {
    var counter = LineBreakCounter()
    let fromHead = Swift.min(offset, head.count)
    counter.feed(head[0..<fromHead])
    var position = fromHead
    let chunk = 64 * 1024
    while position < offset {
      let bytes = read(offset: position, count: Swift.min(chunk, offset - position))
      if bytes.isEmpty { break }
      counter.feed(bytes[...])
      position += bytes.count
    }
    return counter.count
  }
}

/// `open(2)` and `close(2)`, out of reach inside `DraftFile` whose own `open` and `close` shadow them.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }

/// Counts line breaks across chunks: a `\r\n` split between two chunks counts once.
private struct LineBreakCounter {
  var count = 0
  private var lastWasCarriageReturn = false

  mutating func feed(_ bytes: ArraySlice<UInt8>) {
    bytes.withUnsafeBufferPointer { buffer in
      for byte in buffer {
        if byte == 0x0D {
          count += 1
          lastWasCarriageReturn = true
        } else {
          if byte == 0x0A && !lastWasCarriageReturn { count += 1 }
          lastWasCarriageReturn = false
        }
      }
    }
  }
}
