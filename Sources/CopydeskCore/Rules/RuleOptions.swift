/// A bad rule option: where it is and what is wrong.
public struct RuleOptionError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var location: SourceLocation

  public init(message: String, location: SourceLocation) {
    self.message = message
    self.location = location
  }

  public var description: String { "\(location.line):\(location.column): \(message)" }
}

/// Reads typed rule options from a configuration object, strictly: wrong types and unknown keys are errors.
///
/// A rule's options initialiser reads each key it knows, then calls `finish()`, which rejects the rest
/// with a "did you mean" suggestion.
public struct OptionReader: Sendable {
  private let object: JSONObject?
  private let location: SourceLocation
  private var consumed: Set<String> = []

  /// - Parameters:
  ///   - object: the options object, or nil for all defaults.
  ///   - location: where the object is, for errors about missing pieces.
  public init(_ object: JSONObject?, location: SourceLocation = SourceLocation(line: 1, column: 1)) {
    self.object = object
    self.location = location
  }

  /// Parses options written as JSON5 text (rule examples use this).
  public init(json5 text: String?) throws(RuleOptionError) {
    guard let text else {
      self.init(nil)
      return
    }
    let value: JSONValue
    do {
      value = try JSON5Parser.parse(text)
    } catch {
      throw RuleOptionError(message: error.message, location: error.location)
    }
    guard let object = value.objectValue else {
      throw RuleOptionError(message: "options must be an object", location: SourceLocation(line: 1, column: 1))
    }
    self.init(object)
  }

  private mutating func member(_ key: String) -> JSONObject.Member? {
    consumed.insert(key)
    return object?.member(key)
  }

  public mutating func int(_ key: String, default defaultValue: Int, range: ClosedRange<Int> = 0...Int.max) throws(RuleOptionError) -> Int {
    guard let member = member(key) else { return defaultValue }
    guard let value = member.value.intValue else {
      throw RuleOptionError(message: "option \"\(key)\" must be a whole number, not \(member.value.typeName)", location: member.valueLocation)
    }
    guard range.contains(value) else {
      throw RuleOptionError(message: "option \"\(key)\" must be between \(range.lowerBound) and \(range.upperBound)", location: member.valueLocation)
    }
    return value
  }

  public mutating func bool(_ key: String, default defaultValue: Bool) throws(RuleOptionError) -> Bool {
    guard let member = member(key) else { return defaultValue }
    guard let value = member.value.boolValue else {
      throw RuleOptionError(message: "option \"\(key)\" must be true or false, not \(member.value.typeName)", location: member.valueLocation)
    }
    return value
  }

  public mutating func string(_ key: String, default defaultValue: String) throws(RuleOptionError) -> String {
    guard let member = member(key) else { return defaultValue }
    guard let value = member.value.stringValue else {
      throw RuleOptionError(message: "option \"\(key)\" must be a string, not \(member.value.typeName)", location: member.valueLocation)
    }
    return value
  }

  public mutating func strings(_ key: String, default defaultValue: [String]) throws(RuleOptionError) -> [String] {
    guard let member = member(key) else { return defaultValue }
    guard let array = member.value.arrayValue else {
      throw RuleOptionError(message: "option \"\(key)\" must be an array of strings, not \(member.value.typeName)", location: member.valueLocation)
    }
    var result: [String] = []
    for element in array {
      guard let string = element.stringValue else {
        throw RuleOptionError(message: "option \"\(key)\" must contain only strings", location: member.valueLocation)
      }
      result.append(string)
    }
    return result
  }

  /// Rejects keys that were never read.
  public func finish() throws(RuleOptionError) {
    guard let object else { return }
    for member in object.members where !consumed.contains(member.key) {
      let suggestion = closestMatch(to: member.key, in: consumed.sorted()).map { " (did you mean \"\($0)\"?)" } ?? ""
      throw RuleOptionError(message: "unknown option \"\(member.key)\"\(suggestion)", location: member.keyLocation)
    }
  }
}

/// The candidate with the smallest edit distance, when it is close enough to be a plausible typo.
public func closestMatch(to word: String, in candidates: [String], maxDistance: Int? = nil) -> String? {
  let query = Array(word.lowercased().unicodeScalars)
  var distance = BoundedEditDistance(query: query, maxDistance: maxDistance ?? Swift.max(2, word.count / 3))
  var best: (candidate: String, distance: Int)? = nil
  for candidate in candidates {
    let value = distance.measure(Array(candidate.lowercased().unicodeScalars))
    if value <= distance.maxDistance, best == nil || value < best!.distance { best = (candidate, value) }
  }
  return best?.candidate
}

/// Levenshtein distance over Unicode scalars (unbounded; the reference for `BoundedEditDistance`).
public func editDistance(_ lhs: String, _ rhs: String) -> Int {
  let left = Array(lhs.unicodeScalars)
  let right = Array(rhs.unicodeScalars)
  if left.isEmpty { return right.count }
  if right.isEmpty { return left.count }
  var previous = Array(0...right.count)
  var current = [Int](repeating: 0, count: right.count + 1)
  for i in 1...left.count {
    current[0] = i
    for j in 1...right.count {
      let cost = left[i - 1] == right[j - 1] ? 0 : 1
      current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[right.count]
}
