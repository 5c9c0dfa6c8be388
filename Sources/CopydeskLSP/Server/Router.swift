import CopydeskCore

/// How a request runs relative to the messages after it.
enum RequestOrdering: Sendable {
  /// Answered before the next message is read (lifecycle requests that change how later messages are read).
  case inline
  /// Runs in its own task on the server; may be cancelled by `$/cancelRequest` until it replies.
  case concurrent
}

/// Maps method names to typed handlers. Registering a type registers its decoding, its handler and its ordering
/// together, so there is no second switch to keep in sync.
struct Router: Sendable {
  typealias RequestEntry = @Sendable (isolated LanguageServer, ReplyHandle, JSONValue?) -> Void
  typealias NotificationEntry = @Sendable (isolated LanguageServer, JSONValue?) -> Void

  private(set) var requests: [String: RequestEntry] = [:]
  private(set) var notifications: [String: NotificationEntry] = [:]

  mutating func on<Request: LSPRequest>(
    _ type: Request.Type,
    _ handler: @escaping @Sendable (isolated LanguageServer, Request) async throws -> Request.Response
  ) {
    requests[Request.method] = { server, reply, params in
      guard let request = Router.decode(Request.self, params, reply: reply) else { return }
      server.launch(reply, method: Request.method) { server in
        try JSONValueEncoder().encode(try await handler(server, request))
      }
    }
  }

  mutating func onInline<Request: LSPRequest>(
    _ type: Request.Type, _ handler: @escaping @Sendable (isolated LanguageServer, Request) throws -> Request.Response
  ) {
    requests[Request.method] = { server, reply, params in
      guard let request = Router.decode(Request.self, params, reply: reply) else { return }
      do {
        reply.reply(.success(try JSONValueEncoder().encode(try handler(server, request))))
      } catch let error as ResponseError {
        reply.reply(.failure(error))
      } catch {
        reply.reply(.failure(.internalError(String(describing: error))))
      }
    }
  }

  mutating func on<Notification: LSPNotification>(
    _ type: Notification.Type, _ handler: @escaping @Sendable (isolated LanguageServer, Notification) -> Void
  ) {
    notifications[Notification.method] = { server, params in
      do {
        handler(server, try JSONValueDecoder().decode(Notification.self, from: params ?? .object(JSONObject())))
      } catch let error as DecodingError {
        server.log(.warning, "Ignored \(Notification.method) with invalid params: \(error.fieldMessage)")
      } catch {
        server.log(.warning, "Ignored \(Notification.method): \(error)")
      }
    }
  }

  private static func decode<Request: LSPRequest>(_ type: Request.Type, _ params: JSONValue?, reply: ReplyHandle)
    -> Request?
  {
    do {
      return try JSONValueDecoder().decode(Request.self, from: params ?? .object(JSONObject()))
    } catch let error as DecodingError {
      reply.reply(.failure(.invalidParams("Invalid params for \(Request.method): \(error.fieldMessage)")))
    } catch {
      reply.reply(.failure(.invalidParams("Invalid params for \(Request.method): \(error)")))
    }
    return nil
  }
}
