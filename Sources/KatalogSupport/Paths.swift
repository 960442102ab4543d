import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Paths as the file system sees them, with `lstat` and `realpath`.
public enum Paths {
    /// `path` made absolute against `folder`, with `.` and `..` parts and doubled slashes removed.
    public static func absolute(_ path: String, from folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : folder + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The path with every symbolic link resolved; for a path that does not exist (yet), its
    /// nearest existing parent resolved and the rest appended.
    public static func resolved(_ path: String) -> String {
        var rest: [Substring] = []
        var head = path
        while true {
            if let real = realpath(head, nil) {
                defer { free(real) }
                let base = String(cString: real)
                guard !rest.isEmpty else { return base }
                return (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            guard let slash = head.lastIndex(of: "/"), head != "/" else { return path }
            rest.append(head[head.index(after: slash)...])
            head = slash == head.startIndex ? "/" : String(head[..<slash])
        }
    }

    public static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// Calls `visit(relative path, is a folder)` for everything under `folder`, without following
    /// symbolic links; descends into a folder only when `visit` returns true for it.
    public static func walk(_ folder: String, _ visit: (String, Bool) -> Bool) {
        func walk(_ relative: String) {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            guard let directory = opendir(path) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                let isDirectory = lstat(folder + "/" + child, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
                if visit(child, isDirectory) && isDirectory { walk(child) }
            }
        }
        walk("")
    }
}

extension Paths {
    /// Where `path` really is, every symbolic link resolved; nil when it does not exist, or its
    /// links lead nowhere (a loop, a missing target).
    public static func real(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Whether `path`, every symbolic link resolved, lies inside the folder `root` (also resolved).
    public static func isInside(_ path: String, _ root: String) -> Bool {
        guard let file = Paths.real(path), let base = Paths.real(root) else { return false }
        return file.hasPrefix(base == "/" ? "/" : base + "/")
    }

    /// What is at `path` once links are followed: a regular file and its size, something else, or nothing.
    public enum Kind: Equatable {
        case file(size: Int)
        case folder
        case other
    }

    public static func kind(_ path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(info.st_size))
        case S_IFDIR: return .folder
        default: return .other
        }
    }
}
