internal import Synchronization

/// Values derived from one document that several rules need (the body's word sequence, say): the
/// first rule to ask computes the value, later rules of the same lint reuse it.
///
/// Each `Document` owns one memo, so cached values live exactly as long as the document and rules
/// stay stateless across documents. A `Mutex` guards the table because a document may be shared
/// across threads (the language server); two rules racing may both compute, and the first stored wins.
public final class DocumentMemo: Sendable {
  private let values = Mutex<[ObjectIdentifier: any Sendable]>([:])

  public init() {}

  /// The value stored under `key`, computed by `make` on first use.
  ///
  /// `key` names the derived value: use one type per kind of value (usually the value's own type), and
  /// compute it only from the document, so every caller would build the same value.
  public func value<Value: Sendable>(for key: Any.Type, _ make: () -> Value) -> Value {
    let identifier = ObjectIdentifier(key)
    if let cached = values.withLock({ $0[identifier] }) as? Value { return cached }
    let made = make()
    return values.withLock { table in
      if let cached = table[identifier] as? Value { return cached }
      table[identifier] = made
      return made
    }
  }
}
