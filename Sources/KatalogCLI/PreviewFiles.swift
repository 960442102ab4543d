import Foundation
import NIOHTTP1

/// Serves the built site's files; HTML pages get the reload script. Only regular files inside the
/// site folder are served: no `..` or dot-files (also percent-encoded), no symlink that leads out of
/// the folder, no FIFO or device, nothing larger than `largestFile`.
enum PreviewFiles {
    static let types = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                        "json": "application/json; charset=utf-8", "xml": "application/xml", "atom": "application/atom+xml",
                        "csv": "text/csv; charset=utf-8", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
                        "svg": "image/svg+xml", "pdf": "application/pdf"]
    static let largestFile = 64 << 20
    static let reloadTag = Array("<script src=\"/__katalog/reload.js\"></script>\n".utf8)

    static let forbidden = PreviewResponse.text(.forbidden, "Adgang nægtet.")
    static let notFound = PreviewResponse.text(.notFound, "Siden findes ikke.")

    /// `path` as it came in the request (percent-encoded), under `site`.
    static func response(for path: String, in site: String) -> PreviewResponse {
        // Each segment is decoded on its own, so `%2f` cannot make new segments and `%2e%2e` is `..`.
        var names: [String] = []
        for segment in path.split(separator: "/") {
            guard let name = segment.removingPercentEncoding else { return .text(.badRequest, "Adressen er ugyldig.") }
            guard !name.hasPrefix("."), !name.contains("/"), !name.contains("\\"), !name.contains("\0") else { return forbidden }
            names.append(name)
        }
        var file = ([site] + names).joined(separator: "/")
        if path.hasSuffix("/") || names.isEmpty { file += "/index.html" }
        guard let root = realPath(site), var resolved = realPath(file) else { return notFound }
        var info = stat()
        if stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            file += "/index.html"
            guard let index = realPath(file) else { return notFound }
            resolved = index
        }
        guard resolved.hasPrefix(root + "/") else { return forbidden }
        guard var body = readRegularFile(resolved) else { return forbidden }
        let ext = (file as NSString).pathExtension.lowercased()
        if ext == "html", let marker = lastRange(of: Array("</body>".utf8), in: body) {
            body.insert(contentsOf: reloadTag, at: marker)
        }
        return PreviewResponse(status: .ok, contentType: types[ext] ?? "application/octet-stream", body: body)
    }

    /// The path with every symlink resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The bytes of a regular file of at most `largestFile` bytes; nil for anything else. Opened without
    /// blocking, so a FIFO cannot hang the server, and checked again after opening.
    static func readRegularFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) <= largestFile else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Where the last occurrence of `needle` starts in `haystack`.
    static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return stride(from: haystack.count - needle.count, through: 0, by: -1).first { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
