public import CopydeskCore

/// A JSON-RPC request id: LSP allows integers and strings.
public enum RequestID: Hashable, Sendable, CustomStringConvertible {
  case number(Int)
  case string(String)

  public var description: String {
    switch self {
    case .number(let value): String(value)
    case .string(let value): JSONWriter.escape(value)
    }
  }

  /// The id as JSON.
  public var json: JSONValue {
    switch self {
    case .number(let value): .number(Double(value))
    case .string(let value): .string(value)
    }
  }

  /// Reads an id: an integral number or a string; anything else is nil.
  public init?(json: JSONValue) {
    switch json {
    case .number(let value):
      guard let integer = Int(exactly: value) else { return nil }
      self = .number(integer)
    case .string(let value):
      self = .string(value)
    default:
      return nil
    }
  }
}

/// A JSON-RPC error object.
public struct ResponseError: Error, Hashable, Sendable, CustomStringConvertible {
  public var code: Int
  public var message: String
  public var data: JSONValue?

  public init(code: Int, message: String, data: JSONValue? = nil) {
    self.code = code
    self.message = message
    self.data = data
  }

  /// Invalid JSON was received.
  public static let parseErrorCode = -32700
  /// The JSON is not a valid request object.
  public static let invalidRequestCode = -32600
  /// The method does not exist or is not available.
  public static let methodNotFoundCode = -32601
  /// Invalid method parameters.
  public static let invalidParamsCode = -32602
  /// An internal error of the server.
  public static let internalErrorCode = -32603
  /// A request arrived before `initialize` (LSP).
  public static let serverNotInitializedCode = -32002
  /// The request was cancelled by `$/cancelRequest` (LSP).
  public static let requestCancelledCode = -32800
  /// The document changed while the request ran, so the result would be stale (LSP).
  public static let contentModifiedCode = -32801

  public static func parseError(_ message: String) -> ResponseError {
    ResponseError(code: parseErrorCode, message: message)
  }
  public static func invalidRequest(_ message: String) -> ResponseError {
    ResponseError(code: invalidRequestCode, message: message)
  }
  public static func methodNotFound(_ method: String) -> ResponseError {
    ResponseError(code: methodNotFoundCode, message: "Unknown method “\(method)”")
  }
  public static func invalidParams(_ message: String) -> ResponseError {
    ResponseError(code: invalidParamsCode, message: message)
  }
  public static func internalError(_ message: String) -> ResponseError {
    ResponseError(code: internalErrorCode, message: message)
  }
  public static let serverNotInitialized = ResponseError(
    code: serverNotInitializedCode, message: "The server is not initialized; send “initialize” first")
  public static let cancelled = ResponseError(code: requestCancelledCode, message: "The request was cancelled")

  /// The error as JSON.
  public var json: JSONValue {
    var object: JSONObject = ["code": .number(Double(code)), "message": .string(message)]
    if let data { object.append("data", data) }
    return .object(object)
  }

  public var description: String { "\(code): \(message)" }
}

/// One decoded JSON-RPC 2.0 message.
public enum JSONRPCMessage: Hashable, Sendable {
  /// A call that needs exactly one response.
  case request(id: RequestID, method: String, params: JSONValue?)
  /// A call without a response.
  case notification(method: String, params: JSONValue?)
  /// The reply to a request the other side received.
  case response(id: RequestID, result: Result<JSONValue, ResponseError>)
  /// An error response with a null id: the other side could not parse something we sent.
  case errorWithoutID(ResponseError)
}

/// Why a message body is not a usable JSON-RPC message, with the id to reply to when one could be read.
public struct InvalidMessage: Error, Hashable, Sendable {
  public var id: RequestID?
  public var error: ResponseError
}

extension JSONRPCMessage {
  /// Parses one message body. Batches are refused (LSP does not use them).
  public static func parse(_ body: [UInt8]) -> Result<JSONRPCMessage, InvalidMessage> {
    let value: JSONValue
    do {
      value = try JSON5Parser.parse(body)
    } catch {
      return .failure(InvalidMessage(id: nil, error: .parseError("The message is not valid JSON: \(error)")))
    }
    return parse(value)
  }

  /// Validates a parsed JSON value as a JSON-RPC 2.0 message.
  public static func parse(_ value: JSONValue) -> Result<JSONRPCMessage, InvalidMessage> {
    guard let object = value.objectValue else {
      let what = value.arrayValue != nil ? "Batch messages are not supported" : "A message must be a JSON object"
      return .failure(InvalidMessage(id: nil, error: .invalidRequest(what)))
    }
    let idValue = object["id"]
    let id = idValue.flatMap(RequestID.init(json:))
    guard object["jsonrpc"]?.stringValue == "2.0" else {
      return .failure(InvalidMessage(id: id, error: .invalidRequest("The message needs \"jsonrpc\": \"2.0\"")))
    }
    if let methodValue = object["method"] {
      guard let method = methodValue.stringValue else {
        return .failure(InvalidMessage(id: id, error: .invalidRequest("\"method\" must be a string")))
      }
      let params = object["params"]
      if let params, params.objectValue == nil, params.arrayValue == nil, !params.isNull {
        return .failure(InvalidMessage(id: id, error: .invalidRequest("\"params\" must be an object or an array")))
      }
      let cleanParams = params?.isNull == true ? nil : params
      guard let idValue else { return .success(.notification(method: method, params: cleanParams)) }
      guard let id else {
        return .failure(
          InvalidMessage(
            id: nil, error: .invalidRequest("\"id\" must be an integer or a string, not \(idValue.typeName)")))
      }
      return .success(.request(id: id, method: method, params: cleanParams))
    }
    // A response.
    let result = object["result"]
    let errorValue = object["error"]
    if let errorValue, let errorObject = errorValue.objectValue {
      let error = ResponseError(
        code: errorObject["code"]?.intValue ?? ResponseError.internalErrorCode,
        message: errorObject["message"]?.stringValue ?? "", data: errorObject["data"])
      guard let id else {
        if idValue == nil || idValue?.isNull == true { return .success(.errorWithoutID(error)) }
        return .failure(
          InvalidMessage(id: nil, error: .invalidRequest("A response \"id\" must be an integer or a string")))
      }
      return .success(.response(id: id, result: .failure(error)))
    }
    guard let id, let result else {
      return .failure(
        InvalidMessage(id: id, error: .invalidRequest("The message has neither \"method\" nor \"result\"/\"error\"")))
    }
    return .success(.response(id: id, result: .success(result)))
  }

  /// The message as JSON.
  public var json: JSONValue {
    var object: JSONObject = ["jsonrpc": "2.0"]
    switch self {
    case .request(let id, let method, let params):
      object.append("id", id.json)
      object.append("method", .string(method))
      if let params { object.append("params", params) }
    case .notification(let method, let params):
      object.append("method", .string(method))
      if let params { object.append("params", params) }
    case .response(let id, let result):
      object.append("id", id.json)
      switch result {
      case .success(let value): object.append("result", value)
      case .failure(let error): object.append("error", error.json)
      }
    case .errorWithoutID(let error):
      object.append("id", .null)
      object.append("error", error.json)
    }
    return .object(object)
  }

  /// The message body as UTF-8 JSON (no framing).
  public var encoded: [UInt8] { MessageWriter.body(json) }

  /// The message with its `Content-Length` header, ready to write.
  public var framed: [UInt8] { MessageWriter.frame(json) }
}
