import CopydeskCore
import CopydeskWorkspace
import Testing

/// `--format json` is written straight into a buffer, file by file and side by side; it must be the bytes the
/// value tree gives.
@Suite struct JSONReporterTests {
  static func manyReports() -> [FileReport] {
    var reports: [FileReport] = []
    for index in 0..<40 {
      for var report in SARIFReporterTests.sampleReports(prefix: String(repeating: "x ", count: index)) {
        report.path = "\(index)/\(report.path)"
        if index % 3 == 0 { report.fixesApplied = index }
        reports.append(report)
      }
    }
    return reports
  }

  /// The first byte offset where the two differ (nil when equal): a short failure message for long outputs.
  static func firstDifference(_ left: String, _ right: String) -> Int? {
    let (left, right) = (Array(left.utf8), Array(right.utf8))
    if let offset = (0..<Swift.min(left.count, right.count)).first(where: { left[$0] != right[$0] }) { return offset }
    return left.count == right.count ? nil : Swift.min(left.count, right.count)
  }

  @Test func renderedBytesAreThoseOfTheValueTree() {
    for reports in [[], SARIFReporterTests.sampleReports(), Self.manyReports()] {
      #expect(Self.firstDifference(JSONReporter.render(reports), JSONWriter.pretty(JSONReporter.value(reports)) + "\n") == nil)
    }
  }

  @Test func filesRenderedSideBySideGiveTheSameBytes() {
    let reports = Self.manyReports()
    let sequential = JSONReporter.render(reports, workers: 1)
    #expect(Self.firstDifference(JSONReporter.render(reports, workers: 4), sequential) == nil)
    let one = Array(reports.prefix(1))
    #expect(Self.firstDifference(JSONReporter.render(one, workers: 4), JSONWriter.pretty(JSONReporter.value(one)) + "\n") == nil)
  }

  @Test func textFilesRenderedSideBySideGiveTheSameText() {
    let reports = Self.manyReports()
    for useColor in [false, true] {
      let reporter = TextReporter(useColor: useColor)
      #expect(Self.firstDifference(reporter.render(reports, workers: 4), reporter.render(reports, workers: 1)) == nil)
    }
    // Files are separated by one blank line and the summary follows another.
    let two = TextReporter(useColor: false).render(Array(SARIFReporterTests.sampleReports().prefix(1)) + Array(Self.manyReports().prefix(1)), workers: 2)
    #expect(two.components(separatedBy: "\n\n").count == 3)
  }
}
