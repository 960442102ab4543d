import Foundation
import Glibc
import Testing

/// `katalog serve` on a free port over a copy of the example catalog, started from the debug build.
final class PreviewProcess {
    let catalog: TempCatalog
    let port: Int
    let process = Process()
    let output = OutputBuffer()
    var base: String { "http://127.0.0.1:\(port)" }

    init() throws {
        catalog = try exampleCopy()
        port = try freePort()
        start(["--port", "\(port)", "--content", catalog.content, "--output", catalog.output, "--templates", templates])
        guard output.waitFor("Forhåndsvisning:", count: 1, seconds: 30) else {
            stop()
            throw PreviewProcessError(message: "the server did not start: \(output.text)")
        }
    }

    /// A server with other arguments, which may not start at all (a busy port, an invalid one).
    /// `prepare` runs on the catalog before the server starts.
    init(arguments: [String], prepare: (TempCatalog) throws -> Void = { _ in }) throws {
        catalog = try exampleCopy()
        try prepare(catalog)
        port = 0
        start(arguments + ["--content", catalog.content, "--output", catalog.output, "--templates", templates])
    }

    private func start(_ arguments: [String]) {
        let binary = repositoryRoot + "/.build/debug/katalog"
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                output.finish()
            } else {
                output.append(data)
            }
        }
        do { try process.run() } catch { output.append(Data("\(binary) did not run: \(error); build first (swift build)".utf8)) }
    }

    /// Waits for the process to end by itself, and for the last of its output (read on another
    /// thread, it can arrive just after the exit); returns its exit code, or nil if it still runs.
    func exitCode(within seconds: Double) -> Int32? {
        guard waitUntil(seconds: seconds, { !process.isRunning }) != nil else { return nil }
        _ = waitUntil(seconds: 10) { output.isFinished }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        catalog.remove()
    }
}

struct PreviewProcessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

func waitUntil(seconds: Double, _ condition: () -> Bool) -> Double? {
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        if condition() { return Date().timeIntervalSince(start) }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
}

/// One HTTP exchange through curl: the status (0 when there was no answer), the header lines, the body.
struct Reply {
    let status: Int
    let headers: String
    let body: String

    init(_ arguments: [String]) {
        let text = (try? runTool(["curl", "-s", "-i", "--max-time", "5"] + arguments).1) ?? ""
        let parts = text.components(separatedBy: "\r\n\r\n")
        headers = parts[0]
        body = parts.dropFirst().joined(separator: "\r\n\r\n")
        status = Int(headers.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    func header(_ name: String) -> String? {
        headers.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
            .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
    }
}

/// A plain TCP connection to 127.0.0.1, for what curl does not send: huge headers, half a request, nothing.
final class RawConnection {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socket); throw PreviewProcessError(message: "connect: errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    /// Sends everything it can; false if the server stopped taking it.
    @discardableResult
    func send(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            bytes = bytes.dropFirst(sent)
        }
        return true
    }

    /// Reads until the server closes the connection (or resets it), or `seconds` pass.
    func readUntilClosed(seconds: Double) -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
            received += buffer[..<count]
        }
        return (String(decoding: received, as: UTF8.self), false)
    }
}

func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
}

/// A socket listening on 127.0.0.1 at a port the kernel chose; it holds the port until closed.
final class Listener {
    let socket: Int32
    let port: Int

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && listen(socket, 8) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { Glibc.close(socket); throw PreviewProcessError(message: "bind: errno \(errno)") }
        self.socket = socket
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(socket) }
}

/// A port nobody listens on right now.
func freePort() throws -> Int {
    let listener = try Listener()
    defer { listener.close() }
    return listener.port
}

@Suite("katalog serve")
struct ServeTests {
    // Timings are printed, not asserted tightly (performance is measured, not unit-tested); the
    // generous limits only catch a preview that never updates.
    @Test("an edit shows on the page, a broken file shows its error until fixed, and Ctrl-C stops the server")
    func livePreview() throws {
        let server = try PreviewProcess()
        defer { server.stop() }
        let base = server.base
        func get(_ url: String) -> String { Reply([url]).body }

        let page = base + "/fjordby/traening-paa-hold.html"
        #expect(get(page).contains("<script src=\"/__katalog/reload.js\"></script>"))
        #expect(get(base + "/").contains("<h1>Forebyggelsestilbud til borgere med kronisk sygdom</h1>"))
        #expect(get(base + "/__katalog/reload.js").contains("location.reload()"))
        #expect(get(base + "/__katalog/status").contains("\"version\":1"))

        let file = "fjordby/traening-paa-hold.md"
        let catalog = server.catalog
        try edit(catalog, file) { $0.replacingOccurrences(of: "titel: Træning på hold", with: "titel: Træning på hold om morgenen") }
        let shown = waitUntil(seconds: 10) { get(page).contains("<h1>Træning på hold om morgenen</h1>") }
        #expect(shown != nil, "the edit did not show")

        try edit(catalog, file) { $0.replacingOccurrences(of: "form: [hold]", with: "form: [hold") }
        let broken = waitUntil(seconds: 10) { get(base + "/__katalog/status").contains("en liste i [ ] er ikke lukket") }
        #expect(broken != nil, "the error did not reach the page")
        #expect(get(base + "/__katalog/status").contains("\"file\":\"\(catalog.content)/\(file)\""))
        #expect(get(page).contains("<h1>Træning på hold om morgenen</h1>"), "the last good page is still served")

        try edit(catalog, file) { $0.replacingOccurrences(of: "form: [hold", with: "form: [hold]") }
        let fixed = waitUntil(seconds: 10) { get(base + "/__katalog/status").contains("\"problems\":[]") }
        #expect(fixed != nil, "the error did not clear")
        print(String(format: "serve: save to page %.2f s, to error %.2f s, to clear %.2f s", shown ?? -1, broken ?? -1, fixed ?? -1))

        kill(server.process.processIdentifier, SIGINT)
        #expect(waitUntil(seconds: 5) { !server.process.isRunning } != nil, "Ctrl-C did not stop the server")
    }

    @Test("a request for another host name, another port or none gets 403 in Danish and never the site (DNS rebinding)")
    func otherHostsRefused() throws {
        let server = try PreviewProcess()
        defer { server.stop() }
        let port = server.port
        let page = server.base + "/fjordby/traening-paa-hold.html"
        for host in ["fjendtlig.example:\(port)", "fjendtlig.example", "127.0.0.1:\(port + 1)", "localhost:\(port + 1)",
                     "127.0.0.1", "localhost", "127.0.0.2:\(port)", "localhost.:\(port)", "[::1]:\(port)"] {
            let reply = Reply(["-H", "Host: \(host)", page])
            #expect([403, 421].contains(reply.status), "Host: \(host) gave \(reply.status)")
            #expect(reply.body.contains("http://127.0.0.1:\(port)/"), "Host: \(host): \(reply.body)")
            #expect(!reply.body.contains("Træning"), "Host: \(host) got the site")
        }
        for version in ["--http1.0", "--http1.1"] {
            let reply = Reply([version, "-H", "Host:", page])
            #expect([403, 421].contains(reply.status), "no Host (\(version)) gave \(reply.status)")
            #expect(!reply.body.contains("Træning"))
        }
        let status = Reply(["-H", "Host: fjendtlig.example:\(port)", server.base + "/__katalog/status"])
        #expect([403, 421].contains(status.status) && !status.body.contains("version"))
    }

    @Test("the site is served to Host 127.0.0.1:PORT and localhost:PORT in any letter case, with the preview's headers")
    func rightHostsServed() throws {
        let server = try PreviewProcess()
        defer { server.stop() }
        let port = server.port
        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LocalHost:\(port)"] {
            let reply = Reply(["-H", "Host: \(host)", server.base + "/fjordby/traening-paa-hold.html"])
            #expect(reply.status == 200, "Host: \(host) gave \(reply.status)")
            #expect(reply.body.contains("<h1>Træning på hold</h1>"))
            #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
            #expect(reply.header("Cache-Control") == "no-store")
        }
        #expect(Reply([server.base + "/fjordby/"]).body.contains("Fjordby"))
        #expect(Reply([server.base + "/fjordby"]).body.contains("Fjordby"))
        #expect(Reply([server.base + "/assets/style.css"]).header("Content-Type") == "text/css; charset=utf-8")
        #expect(Reply([server.base + "/__katalog/status"]).header("Content-Type") == "application/json; charset=utf-8")
        let missing = Reply([server.base + "/fjordby/findes-ikke.html"])
        #expect(missing.status == 404 && missing.body == "Siden findes ikke.")
        let head = Reply(["-I", server.base + "/fjordby/traening-paa-hold.html"])
        #expect(head.status == 200 && head.body.isEmpty && Int(head.header("Content-Length") ?? "") ?? 0 > 1000)
        // A browser keeps the connection open: curl fetches two pages over one connection.
        let reuse = try runTool(["curl", "-s", "-o", "/dev/null", "-o", "/dev/null", "-w", "%{num_connects} ",
                                 server.base + "/", server.base + "/fjordby/"]).1
        #expect(reuse == "1 0 ", "keep-alive: \(reuse)")
    }

    @Test("a 64 KB or a 400 KB header gets 431 within seconds, the connection is closed, and the next request is served")
    func largeHeadersRefused() throws {
        let server = try PreviewProcess()
        defer { server.stop() }
        for size in [64 * 1024, 400 * 1024] {
            let connection = try RawConnection(port: server.port)
            let start = Date()
            connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Stor: \(String(repeating: "a", count: size))\r\n\r\n")
            let (text, closed) = connection.readUntilClosed(seconds: 10)
            let seconds = Date().timeIntervalSince(start)
            print(String(format: "serve: %d KB header answered in %.3f s", size / 1024, seconds))
            #expect(text.hasPrefix("HTTP/1.1 431"), "\(size / 1024) KB: \(text.prefix(200))")
            #expect(closed, "\(size / 1024) KB: the connection stayed open")
            #expect(seconds < 5, "\(size / 1024) KB took \(seconds) s")
            #expect(Reply([server.base + "/"]).status == 200, "the server does not serve after a \(size / 1024) KB header")
        }
        // Just under the limit is still a request.
        let normal = Reply(["-H", "X-Cookie: \(String(repeating: "b", count: 12 * 1024))", server.base + "/"])
        #expect(normal.status == 200)
    }

    @Test("a silent connection and a half-sent request are closed after the idle timeout, not at once")
    func idleConnectionsClosed() throws {
        let server = try PreviewProcess()
        defer { server.stop() }
        let silent = try RawConnection(port: server.port)
        let half = try RawConnection(port: server.port)
        half.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n")
        let start = Date()
        let (_, silentClosed) = silent.readUntilClosed(seconds: 40)
        let (_, halfClosed) = half.readUntilClosed(seconds: 40 - Date().timeIntervalSince(start))
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "serve: idle connections closed after %.1f s", seconds))
        #expect(silentClosed && halfClosed, "idle connections still open after \(seconds) s")
        #expect(seconds > 5, "closed after only \(seconds) s")
        #expect(Reply([server.base + "/"]).status == 200)
    }

    @Test("serve refuses an output folder it did not make, as build does, and deletes nothing")
    func refusesForeignOutput() throws {
        let server = try PreviewProcess(arguments: ["--port", "\(try freePort())"]) { catalog in
            try FileManager.default.createDirectory(atPath: catalog.output, withIntermediateDirectories: true)
            try "Mine noter\n".write(toFile: catalog.output + "/notes.txt", atomically: true, encoding: .utf8)
        }
        defer { server.stop() }
        #expect(server.exitCode(within: 30) == 2, "\(server.output.text)")
        #expect(server.output.text.contains("notes.txt"), "the message says what is in the folder: \(server.output.text)")
        #expect(FileManager.default.fileExists(atPath: server.catalog.output + "/notes.txt"))
    }

    @Test("a busy port is named with a suggestion of another, an invalid port is refused; both exit 2")
    func portProblems() throws {
        let listener = try Listener()
        defer { listener.close() }
        let busy = try PreviewProcess(arguments: ["--port", "\(listener.port)"])
        defer { busy.stop() }
        #expect(busy.exitCode(within: 30) == 2, "\(busy.output.text)")
        #expect(busy.output.text.contains("Porten \(listener.port) er optaget"), "\(busy.output.text)")
        #expect(busy.output.text.contains("katalog serve --port \(listener.port + 1)"), "\(busy.output.text)")

        for port in ["0", "65536", "70000"] {
            let invalid = try PreviewProcess(arguments: ["--port", port])
            defer { invalid.stop() }
            #expect(invalid.exitCode(within: 30) == 2, "--port \(port): \(invalid.output.text)")
            #expect(invalid.output.text.contains("1 til 65535"), "--port \(port): \(invalid.output.text)")
        }
    }

    @Test("POST, PUT and DELETE get 405 in Danish")
    func otherMethodsRefused() throws {
        let server = try PreviewProcess()
        defer { server.stop() }
        for method in ["POST", "PUT", "DELETE"] {
            let reply = Reply(["-X", method, "--data", "a=1", server.base + "/fjordby/traening-paa-hold.html"])
            #expect(reply.status == 405, "\(method) gave \(reply.status)")
            #expect(reply.header("Allow") == "GET, HEAD")
            #expect(reply.body.contains("GET og HEAD"), "\(method): \(reply.body)")
        }
        #expect(Reply([server.base + "/"]).status == 200)
    }

    @Test("`..`, `%2e%2e`, `%2f`, dot-files, symlinks out of the site and a FIFO are refused")
    func traversalRefused() throws {
        let server = try PreviewProcess()
        defer { server.stop() }
        let site = server.catalog.output
        // Beside Site/ lies Content/, with kommune.yml: what a traversal would reach.
        try "hemmeligt indhold".write(toFile: site + "/.hemmelig", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site + "/udenfor.yml", withDestinationPath: server.catalog.content + "/fjordby/kommune.yml")
        try FileManager.default.createSymbolicLink(atPath: site + "/ud", withDestinationPath: server.catalog.content)
        #expect(mkfifo(site + "/ventende.html", 0o644) == 0)

        for path in ["/../Content/fjordby/kommune.yml", "/fjordby/../../Content/fjordby/kommune.yml",
                     "/%2e%2e/Content/fjordby/kommune.yml", "/%2E%2E/Content/fjordby/kommune.yml",
                     "/fjordby/%2e%2e/%2e%2e/Content/fjordby/kommune.yml", "/..%2fContent%2ffjordby%2fkommune.yml",
                     "/%2e%2e%2fContent%2ffjordby%2fkommune.yml", "/fjordby%2f..%2f..%2fContent%2ffjordby%2fkommune.yml",
                     "/.hemmelig", "/%2ehemmelig"] {
            let reply = Reply(["--path-as-is", server.base + path])
            #expect(reply.status == 403, "\(path) gave \(reply.status)")
            #expect(!reply.body.contains("kommunekode") && !reply.body.contains("hemmeligt"), "\(path) leaked")
        }
        for path in ["/udenfor.yml", "/ud/fjordby/kommune.yml", "/ventende.html"] {
            let reply = Reply([server.base + path])
            #expect([403, 404].contains(reply.status), "\(path) gave \(reply.status)")
            #expect(!reply.body.contains("kommunekode"), "\(path) leaked")
        }
        #expect(Reply([server.base + "/fjordby/traening-paa-hold.html"]).status == 200)
    }
}
