import NIOCore
import NIOHTTP1
import NIOPosix

/// The live preview's HTTP server (SwiftNIO) on 127.0.0.1. It answers only requests addressed to
/// `127.0.0.1:PORT` or `localhost:PORT` (so a web page cannot reach it through DNS rebinding),
/// only GET and HEAD, with request line and headers of at most `headerLimit` bytes, and it closes
/// connections that stay idle.
enum PreviewServer {
    /// Request line and headers together, as NIO's decoder counts them (the target, the header
    /// names and values; not the separators). A larger request gets 431.
    static let headerLimit = 16 * 1024
    /// A connection on which nothing is read or written for this long is closed (browsers open a new
    /// one); a long answer that is still being written keeps it open.
    static let idleTimeout = TimeAmount.seconds(10)
    /// After a refusal, what the client still sends is read and dropped for at most this long, so
    /// that it reads the answer instead of a reset; then the connection is closed.
    static let lingering = TimeAmount.seconds(2)

    static let decoderLimits = {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = headerLimit
        limits.maxHeaderFieldSize = headerLimit
        return limits
    }()

    /// Listens on 127.0.0.1:`port` until the process ends; `answer` maps a request's path
    /// (percent-encoded, without the query) to a response.
    static func start(port: Int, answer: @escaping @Sendable (String) -> PreviewResponse) throws(PreviewStartError) {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(IdleStateHandler(allTimeout: idleTimeout))
                    try pipeline.configureHTTPServerPipeline(withErrorHandling: false, withEncoderConfiguration: .init(),
                                                             withDecoderLimitConfiguration: decoderLimits)
                    try pipeline.addHandler(PreviewHandler(port: port, answer: answer))
                }
            }
        do {
            _ = try bootstrap.bind(to: SocketAddress(ipAddress: "127.0.0.1", port: port)).wait()
        } catch {
            throw PreviewStartError(port: port, error: error)
        }
    }
}

/// What the preview answers. Every answer also gets `Content-Length` and `Cache-Control: no-store`.
struct PreviewResponse {
    var status: HTTPResponseStatus
    var contentType: String
    var body: [UInt8]
    var headers: [(String, String)] = []
    /// Refusals close the connection after the answer.
    var closesConnection = false

    /// A short Danish message.
    static func text(_ status: HTTPResponseStatus, _ message: String, closing: Bool = false) -> PreviewResponse {
        PreviewResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(message.utf8), closesConnection: closing)
    }
}

/// Why the preview could not start, in Danish.
struct PreviewStartError: Error, CustomStringConvertible {
    let description: String

    init(port: Int, error: any Error) {
        switch (error as? IOError)?.errnoCode {
        case EADDRINUSE:
            description = "Porten \(port) er optaget. Prøv en anden, fx `katalog serve --port \(port < 65535 ? port + 1 : port - 1)`."
        case EACCES:
            description = "Porten \(port) må kun bruges af systemet. Prøv en over 1023, fx `katalog serve --port 8000`."
        default:
            description = "Forhåndsvisningen kunne ikke starte på port \(port): \(error)"
        }
    }
}

/// One connection: checks each request, answers it, and closes the connection after a refusal,
/// a request it cannot read, or the idle timeout.
final class PreviewHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let port: Int
    private let hosts: Set<String>
    private let answer: @Sendable (String) -> PreviewResponse
    /// The request being read, answered at its end.
    private var request: HTTPRequestHead?
    /// Set once the connection is being closed: whatever still arrives is dropped.
    private var closing = false

    init(port: Int, answer: @escaping @Sendable (String) -> PreviewResponse) {
        self.port = port
        self.hosts = ["127.0.0.1:\(port)", "localhost:\(port)"]
        self.answer = answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            if let refusal = refusal(of: head) {
                send(refusal, version: head.version, method: head.method, keepAlive: false, context: context)
            } else {
                request = head
            }
        case .body:
            break
        case .end:
            guard let head = request else { return }
            request = nil
            send(route(head.uri), version: head.version, method: head.method, keepAlive: head.isKeepAlive, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !closing else { return }
        if let parserError = error as? HTTPParserError {
            let response: PreviewResponse = if case .headerOverflow = parserError {
                .text(.requestHeaderFieldsTooLarge, "Forespørgslens headere er for store (højst 16 KB i alt).")
            } else {
                .text(.badRequest, "Forespørgslen kunne ikke læses.")
            }
            send(response, version: .http1_1, method: .GET, keepAlive: false, context: context)
        } else {
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// The checks that come before any content: the host name, the method, no body.
    private func refusal(of head: HTTPRequestHead) -> PreviewResponse? {
        let host = head.headers["host"]
        guard host.count == 1, hosts.contains(host[0].lowercased()) else {
            return .text(.forbidden,
                "Forkert adresse. Forhåndsvisningen svarer kun på http://127.0.0.1:\(port)/ og http://localhost:\(port)/.",
                         closing: true)
        }
        guard head.method == .GET || head.method == .HEAD else {
            var response = PreviewResponse.text(.methodNotAllowed, "Forhåndsvisningen svarer kun på GET og HEAD.", closing: true)
            response.headers = [("Allow", "GET, HEAD")]
            return response
        }
        if head.headers.contains(name: "transfer-encoding") || head.headers["content-length"].contains(where: { $0 != "0" }) {
            return .text(.payloadTooLarge, "En forespørgsel til forhåndsvisningen må ikke have indhold.", closing: true)
        }
        return nil
    }

    /// A target in origin form (`/sti?forespørgsel`) goes to `answer` without its query.
    private func route(_ target: String) -> PreviewResponse {
        guard target.hasPrefix("/") else { return .text(.badRequest, "Adressen skal begynde med /.") }
        return answer(String(target.prefix { $0 != "?" && $0 != "#" }))
    }

    private func send(_ response: PreviewResponse, version: HTTPVersion, method: HTTPMethod, keepAlive: Bool,
        context: ChannelHandlerContext) {
        let keepAlive = keepAlive && !response.closesConnection
        var headers = HTTPHeaders([("Content-Type", response.contentType), ("Content-Length", "\(response.body.count)"),
                                   ("Cache-Control", "no-store")] + response.headers)
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        } else if version == .http1_0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: response.status, headers: headers))), promise: nil)
        if method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        guard !keepAlive else { return }
        // Our side first, so a client still sending reads the answer rather than a reset; then all of it.
        closing = true
        let channel = context.channel
        written.whenComplete { _ in channel.close(mode: .output, promise: nil) }
        channel.eventLoop.scheduleTask(in: PreviewServer.lingering) { channel.close(promise: nil) }
    }
}
