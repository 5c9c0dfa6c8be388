public import CopydeskCore

/// Decodes `Decodable` values from a parsed `JSONValue`, so protocol types can be plain Codable structs over
/// Core's JSON parser (one parse per message, no Foundation on the hot path).
///
/// Numbers decode to integer types only when integral and in range; unknown keys are ignored; errors are
/// `DecodingError`s whose coding path names the offending field (used for `-32602` messages).
public struct JSONValueDecoder: Sendable {
  public init() {}

  public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
    if type == LSPAny.self { return LSPAny(value) as! T }
    return try T(from: ValueDecoder(value: value, codingPath: []))
  }
}

/// Encodes `Encodable` values to a `JSONValue`, keeping members in encoding order (so output is deterministic).
public struct JSONValueEncoder: Sendable {
  public init() {}

  public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
    if let any = value as? LSPAny { return any.value }
    if let representable = value as? any JSONValueRepresentable { return representable.jsonValue }
    let node = EncodingNode()
    try value.encode(to: ValueEncoder(node: node, codingPath: []))
    return node.value
  }
}

/// A type that can produce its JSON directly. The encoder uses this instead of `Encodable` for the values a
/// server sends by the thousand (a diagnostic and its positions), where the generic path is several times slower.
///
/// - Important: `jsonValue` must equal what the type's `Encodable` conformance produces (a test checks it).
public protocol JSONValueRepresentable {
  var jsonValue: JSONValue { get }
}

/// Any JSON value inside a protocol type (`data`, `initializationOptions`, settings).
public struct LSPAny: Codable, Hashable, Sendable {
  public var value: JSONValue

  public init(_ value: JSONValue) { self.value = value }

  public init(from decoder: any Decoder) throws {
    if let decoder = decoder as? ValueDecoder {
      value = decoder.value
      return
    }
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      value = .null
    } else if let flag = try? container.decode(Bool.self) {
      value = .bool(flag)
    } else if let number = try? container.decode(Double.self) {
      value = .number(number)
    } else if let string = try? container.decode(String.self) {
      value = .string(string)
    } else if let array = try? container.decode([LSPAny].self) {
      value = .array(array.map(\.value))
    } else {
      let dictionary = try container.decode([String: LSPAny].self)
      value = .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) }))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    if let encoder = encoder as? ValueEncoder {
      encoder.node.set(value)
      return
    }
    var container = encoder.singleValueContainer()
    switch value {
    case .null: try container.encodeNil()
    case .bool(let flag): try container.encode(flag)
    case .number(let number): try container.encode(number)
    case .string(let string): try container.encode(string)
    case .array(let elements): try container.encode(elements.map(LSPAny.init))
    case .object(let object):
      var dictionary: [String: LSPAny] = [:]
      for member in object.members { dictionary[member.key] = LSPAny(member.value) }
      try container.encode(dictionary)
    }
  }
}

/// A coding key made from a string or an index.
struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
    self.intValue = nil
  }

  init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

// MARK: - Decoding

final class ValueDecoder: Decoder {
  let value: JSONValue
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(value: JSONValue, codingPath: [any CodingKey]) {
    self.value = value
    self.codingPath = codingPath
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard let object = value.objectValue else {
      throw DecodingError.typeMismatch(
        JSONObject.self, .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.typeName)"))
    }
    return KeyedDecodingContainer(KeyedValueDecoder<Key>(object: object, codingPath: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard let array = value.arrayValue else {
      throw DecodingError.typeMismatch(
        [JSONValue].self, .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.typeName)"))
    }
    return UnkeyedValueDecoder(elements: array, codingPath: codingPath)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    SingleValueDecoder(value: value, codingPath: codingPath)
  }
}

/// Primitive conversions shared by the three container kinds.
private enum Primitive {
  static func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(
      type, .init(codingPath: path, debugDescription: "expected \(typeName(type)), found \(value.typeName)"))
  }

  static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Bool.Type: "a boolean"
    case is String.Type: "a string"
    case is Double.Type, is Float.Type: "a number"
    default: "an integer"
    }
  }

  static func bool(_ value: JSONValue, _ path: [any CodingKey]) throws -> Bool {
    guard let flag = value.boolValue else { throw mismatch(Bool.self, value, path) }
    return flag
  }

  static func string(_ value: JSONValue, _ path: [any CodingKey]) throws -> String {
    guard let string = value.stringValue else { throw mismatch(String.self, value, path) }
    return string
  }

  static func double(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
    guard let number = value.doubleValue else { throw mismatch(Double.self, value, path) }
    return number
  }

  static func integer<T: FixedWidthInteger>(_ value: JSONValue, _ path: [any CodingKey]) throws -> T {
    guard let number = value.doubleValue, let integer = T(exactly: number) else { throw mismatch(T.self, value, path) }
    return integer
  }

  static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T {
    if type == LSPAny.self { return LSPAny(value) as! T }
    return try T(from: ValueDecoder(value: value, codingPath: path))
  }
}

private struct KeyedValueDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let object: JSONObject
  let codingPath: [any CodingKey]

  var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool { object.member(key.stringValue) != nil }

  private func value(_ key: Key) throws -> JSONValue {
    guard let member = object.member(key.stringValue) else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: codingPath, debugDescription: "missing required field “\(key.stringValue)”"))
    }
    return member.value
  }

  private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

  func decodeNil(forKey key: Key) throws -> Bool { object[key.stringValue]?.isNull ?? true }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Primitive.bool(value(key), path(key)) }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try Primitive.string(value(key), path(key)) }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Primitive.double(value(key), path(key)) }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
    Float(try Primitive.double(value(key), path(key)))
  }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Primitive.integer(value(key), path(key)) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try Primitive.integer(value(key), path(key)) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try Primitive.integer(value(key), path(key)) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try Primitive.integer(value(key), path(key)) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try Primitive.integer(value(key), path(key)) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try Primitive.integer(value(key), path(key)) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try Primitive.integer(value(key), path(key)) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try Primitive.integer(value(key), path(key)) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try Primitive.integer(value(key), path(key)) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try Primitive.integer(value(key), path(key)) }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try Primitive.decode(type, value(key), path(key))
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try ValueDecoder(value: value(key), codingPath: path(key)).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try ValueDecoder(value: value(key), codingPath: path(key)).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    ValueDecoder(value: object["super"] ?? .null, codingPath: codingPath + [AnyCodingKey(stringValue: "super")])
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    ValueDecoder(value: object[key.stringValue] ?? .null, codingPath: path(key))
  }
}

private struct UnkeyedValueDecoder: UnkeyedDecodingContainer {
  let elements: [JSONValue]
  let codingPath: [any CodingKey]
  private(set) var currentIndex = 0

  init(elements: [JSONValue], codingPath: [any CodingKey]) {
    self.elements = elements
    self.codingPath = codingPath
  }

  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  private mutating func next() throws -> (JSONValue, [any CodingKey]) {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        JSONValue.self, .init(codingPath: codingPath, debugDescription: "the array has only \(elements.count) elements")
      )
    }
    defer { currentIndex += 1 }
    return (elements[currentIndex], codingPath + [AnyCodingKey(intValue: currentIndex)])
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, elements[currentIndex].isNull else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode(_ type: Bool.Type) throws -> Bool { let (v, p) = try next(); return try Primitive.bool(v, p) }
  mutating func decode(_ type: String.Type) throws -> String {
    let (v, p) = try next(); return try Primitive.string(v, p)
  }
  mutating func decode(_ type: Double.Type) throws -> Double {
    let (v, p) = try next(); return try Primitive.double(v, p)
  }
  mutating func decode(_ type: Float.Type) throws -> Float {
    let (v, p) = try next(); return Float(try Primitive.double(v, p))
  }
  mutating func decode(_ type: Int.Type) throws -> Int { let (v, p) = try next(); return try Primitive.integer(v, p) }
  mutating func decode(_ type: Int8.Type) throws -> Int8 { let (v, p) = try next(); return try Primitive.integer(v, p) }
  mutating func decode(_ type: Int16.Type) throws -> Int16 {
    let (v, p) = try next(); return try Primitive.integer(v, p)
  }
  mutating func decode(_ type: Int32.Type) throws -> Int32 {
    let (v, p) = try next(); return try Primitive.integer(v, p)
  }
  mutating func decode(_ type: Int64.Type) throws -> Int64 {
    let (v, p) = try next(); return try Primitive.integer(v, p)
  }
  mutating func decode(_ type: UInt.Type) throws -> UInt { let (v, p) = try next(); return try Primitive.integer(v, p) }
  mutating func decode(_ type: UInt8.Type) throws -> UInt8 {
    let (v, p) = try next(); return try Primitive.integer(v, p)
  }
  mutating func decode(_ type: UInt16.Type) throws -> UInt16 {
    let (v, p) = try next(); return try Primitive.integer(v, p)
  }
  mutating func decode(_ type: UInt32.Type) throws -> UInt32 {
    let (v, p) = try next(); return try Primitive.integer(v, p)
  }
  mutating func decode(_ type: UInt64.Type) throws -> UInt64 {
    let (v, p) = try next(); return try Primitive.integer(v, p)
  }
  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let (v, p) = try next(); return try Primitive.decode(type, v, p)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<
    NestedKey
  > {
    let (value, path) = try next()
    return try ValueDecoder(value: value, codingPath: path).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (value, path) = try next()
    return try ValueDecoder(value: value, codingPath: path).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (value, path) = try next()
    return ValueDecoder(value: value, codingPath: path)
  }
}

private struct SingleValueDecoder: SingleValueDecodingContainer {
  let value: JSONValue
  let codingPath: [any CodingKey]

  func decodeNil() -> Bool { value.isNull }
  func decode(_ type: Bool.Type) throws -> Bool { try Primitive.bool(value, codingPath) }
  func decode(_ type: String.Type) throws -> String { try Primitive.string(value, codingPath) }
  func decode(_ type: Double.Type) throws -> Double { try Primitive.double(value, codingPath) }
  func decode(_ type: Float.Type) throws -> Float { Float(try Primitive.double(value, codingPath)) }
  func decode(_ type: Int.Type) throws -> Int { try Primitive.integer(value, codingPath) }
  func decode(_ type: Int8.Type) throws -> Int8 { try Primitive.integer(value, codingPath) }
  func decode(_ type: Int16.Type) throws -> Int16 { try Primitive.integer(value, codingPath) }
  func decode(_ type: Int32.Type) throws -> Int32 { try Primitive.integer(value, codingPath) }
  func decode(_ type: Int64.Type) throws -> Int64 { try Primitive.integer(value, codingPath) }
  func decode(_ type: UInt.Type) throws -> UInt { try Primitive.integer(value, codingPath) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try Primitive.integer(value, codingPath) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try Primitive.integer(value, codingPath) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try Primitive.integer(value, codingPath) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try Primitive.integer(value, codingPath) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try Primitive.decode(type, value, codingPath) }
}

// MARK: - Encoding

/// A node of the value being encoded. Containers hold references to their children so nested containers can
/// keep writing after they are handed out, as `Encoder` requires.
///
/// Members and elements live in their own stored arrays so appending mutates in place (amortised O(1));
/// rebuilding an enum payload on every append would copy the array each time.
final class EncodingNode {
  enum Kind {
    case empty
    case value
    case object
    case array
  }

  private(set) var kind = Kind.empty
  private var scalar = JSONValue.null
  private var members: [(key: String, node: EncodingNode)] = []
  private var elements: [EncodingNode] = []

  var value: JSONValue {
    switch kind {
    case .empty: return .object(JSONObject())
    case .value: return scalar
    case .object:
      return .object(JSONObject(members: members.map { JSONObject.Member(key: $0.key, value: $0.node.value) }))
    case .array: return .array(elements.map(\.value))
    }
  }

  func set(_ value: JSONValue) {
    kind = .value
    scalar = value
    members = []
    elements = []
  }

  /// Makes this node an object (keeping its members if it is one already).
  func becomeObject() {
    guard kind != .object else { return }
    kind = .object
    members = []
    elements = []
  }

  /// Makes this node an array (keeping its elements if it is one already).
  func becomeArray() {
    guard kind != .array else { return }
    kind = .array
    members = []
    elements = []
  }

  var elementCount: Int { kind == .array ? elements.count : 0 }

  func child(forKey key: String) -> EncodingNode {
    becomeObject()
    let node = EncodingNode()
    // Encoding a key twice replaces its value, as JSONEncoder does. Objects are small, so a scan is cheap.
    if let index = members.firstIndex(where: { $0.key == key }) {
      members[index].node = node
    } else {
      members.append((key, node))
    }
    return node
  }

  func appendChild() -> EncodingNode {
    becomeArray()
    let node = EncodingNode()
    elements.append(node)
    return node
  }
}

final class ValueEncoder: Encoder {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(node: EncodingNode, codingPath: [any CodingKey]) {
    self.node = node
    self.codingPath = codingPath
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    node.becomeObject()
    return KeyedEncodingContainer(KeyedValueEncoder<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    node.becomeArray()
    return UnkeyedValueEncoder(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleValueEncoder(node: node, codingPath: codingPath)
  }

  static func encode<T: Encodable>(_ value: T, into node: EncodingNode, codingPath: [any CodingKey]) throws {
    if let any = value as? LSPAny {
      node.set(any.value)
      return
    }
    if let representable = value as? any JSONValueRepresentable {
      node.set(representable.jsonValue)
      return
    }
    try value.encode(to: ValueEncoder(node: node, codingPath: codingPath))
  }
}

private struct KeyedValueEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: EncodingNode
  let codingPath: [any CodingKey]

  private func set(_ value: JSONValue, _ key: Key) { node.child(forKey: key.stringValue).set(value) }

  mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { set(.number(value), key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.number(Double(value)), key) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try ValueEncoder.encode(value, into: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    ValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    ValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    ValueEncoder(node: node.child(forKey: "super"), codingPath: codingPath + [AnyCodingKey(stringValue: "super")])
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    ValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
  }
}

private struct UnkeyedValueEncoder: UnkeyedEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]

  var count: Int { node.elementCount }

  private func append(_ value: JSONValue) { node.appendChild().set(value) }
  private var nextPath: [any CodingKey] { codingPath + [AnyCodingKey(intValue: count)] }

  mutating func encodeNil() throws { append(.null) }
  mutating func encode(_ value: Bool) throws { append(.bool(value)) }
  mutating func encode(_ value: String) throws { append(.string(value)) }
  mutating func encode(_ value: Double) throws { append(.number(value)) }
  mutating func encode(_ value: Float) throws { append(.number(Double(value))) }
  mutating func encode(_ value: Int) throws { append(.number(Double(value))) }
  mutating func encode(_ value: Int8) throws { append(.number(Double(value))) }
  mutating func encode(_ value: Int16) throws { append(.number(Double(value))) }
  mutating func encode(_ value: Int32) throws { append(.number(Double(value))) }
  mutating func encode(_ value: Int64) throws { append(.number(Double(value))) }
  mutating func encode(_ value: UInt) throws { append(.number(Double(value))) }
  mutating func encode(_ value: UInt8) throws { append(.number(Double(value))) }
  mutating func encode(_ value: UInt16) throws { append(.number(Double(value))) }
  mutating func encode(_ value: UInt32) throws { append(.number(Double(value))) }
  mutating func encode(_ value: UInt64) throws { append(.number(Double(value))) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    let path = nextPath
    try ValueEncoder.encode(value, into: node.appendChild(), codingPath: path)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
    NestedKey
  > {
    let path = nextPath
    return ValueEncoder(node: node.appendChild(), codingPath: path).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let path = nextPath
    return ValueEncoder(node: node.appendChild(), codingPath: path).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let path = nextPath
    return ValueEncoder(node: node.appendChild(), codingPath: path)
  }
}

private struct SingleValueEncoder: SingleValueEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]

  private func set(_ value: JSONValue) { node.set(value) }

  mutating func encodeNil() throws { set(.null) }
  mutating func encode(_ value: Bool) throws { set(.bool(value)) }
  mutating func encode(_ value: String) throws { set(.string(value)) }
  mutating func encode(_ value: Double) throws { set(.number(value)) }
  mutating func encode(_ value: Float) throws { set(.number(Double(value))) }
  mutating func encode(_ value: Int) throws { set(.number(Double(value))) }
  mutating func encode(_ value: Int8) throws { set(.number(Double(value))) }
  mutating func encode(_ value: Int16) throws { set(.number(Double(value))) }
  mutating func encode(_ value: Int32) throws { set(.number(Double(value))) }
  mutating func encode(_ value: Int64) throws { set(.number(Double(value))) }
  mutating func encode(_ value: UInt) throws { set(.number(Double(value))) }
  mutating func encode(_ value: UInt8) throws { set(.number(Double(value))) }
  mutating func encode(_ value: UInt16) throws { set(.number(Double(value))) }
  mutating func encode(_ value: UInt32) throws { set(.number(Double(value))) }
  mutating func encode(_ value: UInt64) throws { set(.number(Double(value))) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    try ValueEncoder.encode(value, into: node, codingPath: codingPath)
  }
}

extension DecodingError {
  /// A short message naming the field: “textDocument.uri: expected a string, found number”.
  var fieldMessage: String {
    let (context, fallback): (DecodingError.Context?, String) =
      switch self {
      case .typeMismatch(_, let context): (context, context.debugDescription)
      case .valueNotFound(_, let context): (context, context.debugDescription)
      case .keyNotFound(let key, let context): (context, "missing required field “\(key.stringValue)”")
      case .dataCorrupted(let context): (context, context.debugDescription)
      @unknown default: (nil, "invalid value")
      }
    let path = (context?.codingPath ?? []).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
    let field = path.reduce("") { result, part in
      part.hasPrefix("[") ? result + part : (result.isEmpty ? part : result + "." + part)
    }
    if case .keyNotFound = self { return field.isEmpty ? fallback : "\(field): \(fallback)" }
    return field.isEmpty ? fallback : "\(field): \(fallback)"
  }
}
