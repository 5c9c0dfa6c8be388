import CopydeskLSP
import Testing

@Suite("Message framing")
struct MessageFramingTests {
  private func frame(_ body: String) -> [UInt8] { MessageFramer.frame(Array(body.utf8)) }

  private func drain(_ framer: inout MessageFramer) -> [FramingEvent] {
    var events: [FramingEvent] = []
    while let event = framer.next() { events.append(event) }
    return events
  }

  private func message(_ body: String) -> FramingEvent { .message(Array(body.utf8)) }

  @Test func writesContentLengthInBytes() {
    #expect(String(decoding: frame("{\"a\":\"é\"}"), as: UTF8.self) == "Content-Length: 10\r\n\r\n{\"a\":\"é\"}")
  }

  @Test func readsOneFrame() {
    var framer = MessageFramer()
    framer.append(frame("{}"))
    #expect(drain(&framer) == [message("{}")])
    #expect(framer.bufferedByteCount == 0)
  }

  @Test func readsAFrameSplitAtEveryByte() {
    var framer = MessageFramer()
    var events: [FramingEvent] = []
    for byte in frame("{\"jsonrpc\":\"2.0\"}") + frame("[1]") {
      framer.append([byte])
      events += drain(&framer)
    }
    #expect(events == [message("{\"jsonrpc\":\"2.0\"}"), message("[1]")])
  }

  @Test func readsMergedFramesFromOneChunk() {
    var framer = MessageFramer()
    framer.append(frame("1") + frame("22") + frame("333")[0..<10])
    #expect(drain(&framer) == [message("1"), message("22")])
    framer.append(frame("333")[10...])
    #expect(drain(&framer) == [message("333")])
  }

  @Test func acceptsContentTypeAnyCaseAndBareLineFeeds() {
    var framer = MessageFramer()
    framer.append(Array("content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH: 2\r\n\r\nok".utf8))
    framer.append(Array("Content-Length: 3\nContent-Type: application/vscode-jsonrpc; charset=\"utf8\"\n\nyes".utf8))
    #expect(drain(&framer) == [message("ok"), message("yes")])
  }

  @Test func ignoresUnknownHeadersAndBlankLinesBetweenFrames() {
    var framer = MessageFramer()
    framer.append(Array("Content-Length: 1\r\nX-Trace: on\r\n\r\na\r\n\r\n".utf8) + frame("b"))
    #expect(drain(&framer) == [message("a"), message("b")])
  }

  @Test func refusesAnUnsupportedCharsetAndSkipsItsBody() {
    var framer = MessageFramer()
    framer.append(Array("Content-Length: 4\r\nContent-Type: text/plain; charset=latin1\r\n\r\nabcd".utf8) + frame("ok"))
    #expect(drain(&framer) == [.error(.unsupportedCharset("latin1")), message("ok")])
  }

  @Test func refusesAnOversizedFrameWithoutBufferingIt() {
    var framer = MessageFramer(maximumContentLength: 8)
    framer.append(Array("Content-Length: 20\r\n\r\n0123456789".utf8))
    #expect(drain(&framer) == [.error(.oversized(contentLength: 20, limit: 8))])
    #expect(framer.bufferedByteCount == 0)
    framer.append(Array("0123456789".utf8) + frame("fits"))
    #expect(drain(&framer) == [message("fits")])
  }

  @Test func reportsGarbageBeforeAFrameOnceAndRecovers() {
    var framer = MessageFramer()
    framer.append(Array("hello there".utf8))
    #expect(drain(&framer).isEmpty)
    framer.append(Array("!!\r\n".utf8) + frame("{}"))
    // One run, one report: "hello there!!\r\n" across two reads.
    #expect(drain(&framer) == [.error(.skippedGarbage(byteCount: 15)), message("{}")])
  }

  @Test func recoversFromGarbageGluedToAHeader() {
    var framer = MessageFramer()
    framer.append(Array("xyzContent-Length: 2\r\n\r\nhi".utf8))
    #expect(drain(&framer) == [.error(.skippedGarbage(byteCount: 3)), message("hi")])
  }

  @Test func recoversFromAGarbageLineInsideAHeaderBlock() {
    var framer = MessageFramer()
    framer.append(Array("not a header\r\nContent-Length: 2\r\n\r\nhi".utf8))
    #expect(drain(&framer) == [.error(.skippedGarbage(byteCount: 14)), message("hi")])
  }

  @Test func waitsOnAPartialHeaderName() {
    var framer = MessageFramer()
    framer.append(Array("Content-Le".utf8))
    #expect(drain(&framer).isEmpty)
    framer.append(Array("ngth: 1\r\n\r\nx".utf8))
    #expect(drain(&framer) == [message("x")])
  }

  @Test func dropsAHeaderBlockWithoutContentLength() {
    var framer = MessageFramer()
    framer.append(Array("Content-Type: application/json\r\n\r\n".utf8) + frame("ok"))
    #expect(drain(&framer) == [.error(.malformedHeader("no Content-Length header")), message("ok")])
  }

  @Test(arguments: ["abc", "-1", "1e3", "99999999999999999999"])
  func dropsAnInvalidContentLength(_ value: String) {
    var framer = MessageFramer()
    framer.append(Array("Content-Length: \(value)\r\n\r\n".utf8) + frame("ok"))
    #expect(
      drain(&framer) == [.error(.malformedHeader("Content-Length “\(value)” is not a byte count")), message("ok")])
  }

  @Test func dropsConflictingContentLengths() {
    var framer = MessageFramer()
    framer.append(Array("Content-Length: 2\r\nContent-Length: 3\r\n\r\n".utf8) + frame("ok"))
    #expect(drain(&framer) == [.error(.malformedHeader("conflicting Content-Length values 2 and 3")), message("ok")])
  }

  @Test func skipsAHeaderThatNeverEnds() {
    var framer = MessageFramer()
    framer.append(
      Array("Content-Length: 1".utf8) + [UInt8](repeating: 0x41, count: MessageFramer.maximumHeaderBytes + 10))
    framer.append(frame("ok"))
    let events = drain(&framer)
    #expect(events.count == 2)
    #expect(events.last == message("ok"))
    guard case .error(.skippedGarbage(let count)) = events.first else {
      Issue.record("expected garbage, got \(events)")
      return
    }
    #expect(count == 17 + MessageFramer.maximumHeaderBytes + 10)
  }

  @Test func emptyBodyIsAMessage() {
    var framer = MessageFramer()
    framer.append(Array("Content-Length: 0\r\n\r\n".utf8))
    #expect(drain(&framer) == [message("")])
  }
}
