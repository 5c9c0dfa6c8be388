internal import Synchronization

/// Values derived from one document that several rules need (the body's word sequence, say): the
/// first rule to ask computes the value, later rules of the same lint reuse it.
///
/// Each `Document` owns one memo, so cached values live exactly as long as the document and rules
/// stay stateless across documents. Rules may run on several threads at once (see
/// `Linter.lint(_:context:workers:)`): a value is computed once, and a rule asking while another computes
/// it waits for that result rather than repeating the work.
public final class DocumentMemo: Sendable {
  /// One value's slot. Its mutex is held while the value is computed, which is what makes later askers wait.
  private final class Slot: Sendable {
    let value = Mutex<(any Sendable)?>(nil)
  }

  private let slots = Mutex<[ObjectIdentifier: Slot]>([:])

  public init() {}

  /// The value stored under `key`, computed by `make` on first use.
  ///
  /// `key` names the derived value: use one type per kind of value (usually the value's own type), and
  /// compute it only from the document, so every caller would build the same value. `make` may ask for
  /// other keys, never for `key` itself.
  public func value<Value: Sendable>(for key: Any.Type, _ make: () -> Value) -> Value {
    let identifier = ObjectIdentifier(key)
    let slot = slots.withLock { table in
      if let slot = table[identifier] { return slot }
      let slot = Slot()
      table[identifier] = slot
      return slot
    }
    return slot.value.withLock { stored in
      if let cached = stored as? Value { return cached }
      let made = make()
      stored = made
      return made
    }
  }
}
