/// A 1-based line and 1-based column (columns counted in Unicode scalars) in a JSON5 source.
///
/// Lines break at `\n`, `\r\n` and a lone `\r`, like `SourceText`, so positions match what editors show.
/// Values built from literals or by code use line 0, column 0 (`SourceLocation.unknown`).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// 1-based line number; 0 when the value did not come from a source.
  public var line: Int
  /// 1-based column in Unicode scalars; 0 when the value did not come from a source.
  public var column: Int

  /// A location from 1-based line and scalar column.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// The location of values that were built in code rather than parsed.
  public static let unknown = SourceLocation(line: 0, column: 0)

  /// Earlier in the source first.
  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    lhs.line != rhs.line ? lhs.line < rhs.line : lhs.column < rhs.column
  }

  /// `line:column`, the form used in config error messages.
  public var description: String { "\(line):\(column)" }
}

/// A parsed JSON value that remembers where it came from (for config error messages).
///
/// Equality and hashing compare content only: source locations are ignored, and NaN equals NaN,
/// so a parsed document equals the same value written as a literal.
public indirect enum JSONValue: Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// Every number is a `Double`; integers up to ±2^53 are exact. JSON5 adds NaN and ±Infinity.
  case number(Double)
  /// A string, with escapes decoded.
  case string(String)
  /// Elements in order. Elements carry no location; their array's member does.
  case array([JSONValue])
  /// Members in order, with locations.
  case object(JSONObject)
}

extension JSONValue: Hashable {
  /// Content equality: ignores source locations; NaN equals NaN; object member order matters.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    // NaN == NaN keeps Hashable's reflexivity for documents containing NaN.
    case (.number(let a), .number(let b)): return a == b || (a.isNaN && b.isNaN)
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)): return a == b
    default: return false
    }
  }

  /// Hashes content only, consistently with `==`.
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null:
      hasher.combine(0 as UInt8)
    case .bool(let value):
      hasher.combine(1 as UInt8)
      hasher.combine(value)
    case .number(let value):
      hasher.combine(2 as UInt8)
      // All NaNs are equal above, so they must hash alike whatever their payload.
      if value.isNaN { hasher.combine(Double.nan.bitPattern) } else { hasher.combine(value) }
    case .string(let value):
      hasher.combine(3 as UInt8)
      hasher.combine(value)
    case .array(let value):
      hasher.combine(4 as UInt8)
      hasher.combine(value)
    case .object(let value):
      hasher.combine(5 as UInt8)
      hasher.combine(value)
    }
  }
}

/// Object with keys in source order, and each key's and value's location.
///
/// Duplicate keys are kept as separate members (so writers can reproduce them); lookups see the last one,
/// like JavaScript's `JSON.parse`.
public struct JSONObject: Hashable, Sendable {
  /// One `key: value` pair and where each half starts in the source.
  public struct Member: Hashable, Sendable {
    /// The key, with escapes decoded.
    public var key: String
    public var value: JSONValue
    /// Where the key starts (its opening quote, or the first character of an unquoted key).
    public var keyLocation: SourceLocation
    /// Where the value starts (its first character, e.g. `-` of `-1` or `[` of an array).
    public var valueLocation: SourceLocation

    /// A member; code-built members default to `SourceLocation.unknown`.
    public init(
      key: String, value: JSONValue, keyLocation: SourceLocation = .unknown,
      valueLocation: SourceLocation = .unknown
    ) {
      self.key = key
      self.value = value
      self.keyLocation = keyLocation
      self.valueLocation = valueLocation
    }

    /// Locations are metadata: two members are equal when their key and value are.
    public static func == (lhs: Member, rhs: Member) -> Bool {
      lhs.key == rhs.key && lhs.value == rhs.value
    }

    /// Hashes key and value, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
      hasher.combine(key)
      hasher.combine(value)
    }
  }

  /// Members in source (or insertion) order, duplicates included.
  public var members: [Member]

  /// An object with the given members (empty by default).
  public init(members: [Member] = []) {
    self.members = members
  }

  /// Builds an object from pairs in the given order, with unknown locations.
  public init(_ pairs: [(String, JSONValue)]) {
    self.members = pairs.map { Member(key: $0.0, value: $0.1) }
  }

  /// The value of the last member named `key`, or nil.
  public subscript(key: String) -> JSONValue? {
    member(key)?.value
  }

  /// The last member named `key` (last wins, as in `JSON.parse`), or nil.
  public func member(_ key: String) -> Member? {
    members.last { $0.key == key }
  }

  /// Each distinct key once, in order of first appearance.
  public var keys: [String] {
    var seen: Set<String> = []
    var result: [String] = []
    for member in members where seen.insert(member.key).inserted {
      result.append(member.key)
    }
    return result
  }

  /// Number of members, duplicates included.
  public var count: Int { members.count }
  /// True when there are no members.
  public var isEmpty: Bool { members.isEmpty }

  /// Adds a member at the end, even if the key already exists.
  public mutating func append(_ key: String, _ value: JSONValue) {
    members.append(Member(key: key, value: value))
  }

  /// Replaces the value of the last member named `key` (keeping its position), or appends a new member.
  public mutating func set(_ key: String, _ value: JSONValue) {
    if let index = members.lastIndex(where: { $0.key == key }) {
      members[index].value = value
    } else {
      append(key, value)
    }
  }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
  /// Keeps the literal's order; duplicate keys become duplicate members.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init(elements)
  }
}

// MARK: - Accessors

extension JSONValue {
  /// The string, if this is a string.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The Boolean, if this is `true` or `false`.
  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The number, if this is a number (including NaN and ±Infinity).
  public var doubleValue: Double? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The number as an `Int`, only when it is integral and fits (so `1.5` and `1e300` give nil).
  public var intValue: Int? {
    if case .number(let value) = self { return Int(exactly: value) }
    return nil
  }

  /// The elements, if this is an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The object, if this is an object.
  public var objectValue: JSONObject? {
    if case .object(let value) = self { return value }
    return nil
  }

  /// True for `null`.
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The JSON type's name for messages: "null", "boolean", "number", "string", "array" or "object".
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// For an object, the value of the last member named `key`; nil otherwise.
  public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }
}

// MARK: - Builders

// Builders for code that writes JSON (reports, generated files) from typed values.
extension JSONValue {
  /// `.bool(value)`.
  public init(_ value: Bool) { self = .bool(value) }
  /// A number; exact for integers within ±2^53.
  public init(_ value: Int) { self = .number(Double(value)) }
  /// `.number(value)`.
  public init(_ value: Double) { self = .number(value) }
  /// `.string(value)`.
  public init(_ value: String) { self = .string(value) }
  /// `.array(values)`.
  public init(_ values: [JSONValue]) { self = .array(values) }
  /// `.object(object)`.
  public init(_ object: JSONObject) { self = .object(object) }
  /// An object with members in the given order.
  public init(pairs: [(String, JSONValue)]) { self = .object(JSONObject(pairs)) }
  /// An array of strings, the most common list shape in configs.
  public init(strings: [String]) { self = .array(strings.map { .string($0) }) }
}

extension JSONValue: ExpressibleByNilLiteral {
  /// `nil` is `null`.
  public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
  /// `true`/`false` are `.bool`.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
  /// Integer literals are numbers.
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension JSONValue: ExpressibleByFloatLiteral {
  /// Float literals are numbers.
  public init(floatLiteral value: Double) { self = .number(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
  /// String literals are strings.
  public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
  /// Array literals are arrays.
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
  /// Keeps the literal's order (unlike `Dictionary`); members get `SourceLocation.unknown`.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(JSONObject(elements))
  }
}
