import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level text helpers for the hot paths (loading and checking thousands of modules).
/// They work on UTF-8 and avoid Foundation's NSString bridging, which costs far more per call.
extension StringProtocol {
    /// Whether `needle` occurs in the text (exact, byte-wise; for ASCII markers such as `UDFYLD`).
    public func containsText(_ needle: String) -> Bool {
        var haystack = String(self)
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count > 0 else { return true }
                guard h.count >= n.count else { return false }
                let first = n[0]
                var index = 0
                let last = h.count - n.count
                while index <= last {
                    if h[index] == first, memcmp(h.baseAddress! + index, n.baseAddress!, n.count) == 0 { return true }
                    index += 1
                }
                return false
            }
        }
    }
}

extension String {
    /// Whether any UTF-8 byte of the text passes `test`: a plain loop over the bytes where the text
    /// is stored contiguously (always, for text read from files), which `utf8.contains` is not.
    @inlinable
    public func containsByte(where test: (UInt8) -> Bool) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ bytes in bytes.contains(where: test) }) { return found }
        return utf8.contains(where: test)
    }

    /// Whether the byte occurs in the text's UTF-8 (memchr).
    public func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ bytes in
            bytes.count > 0 && memchr(bytes.baseAddress!, Int32(byte), bytes.count) != nil
        }) { return found }
        return utf8.contains(byte)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    public var trimmingSpaces: Substring {
        var s = self
        while let first = s.utf8.first, first == 0x20 || first == 0x09 { s = s.dropFirst() }
        while let last = s.utf8.last, last == 0x20 || last == 0x09 { s = s.dropLast() }
        return s
    }
}

extension Unicode.Scalar {
    /// A quick test that a scalar is already in NFC and cannot combine with its neighbour:
    /// everything below U+0300 (Latin, including æ, ø, å) and the common punctuation block,
    /// apart from U+2000 and U+2001, which NFC replaces.
    var isStableForNFC: Bool {
        value < 0x300 || (value >= 0x2002 && value <= 0x206F)
    }
}

extension String {
    /// True when NFC normalisation cannot change the text (a fast test that allows false negatives).
    public var isKnownNFC: Bool {
        if let known = utf8.withContiguousStorageIfAvailable(Self.isKnownNFC) { return known }
        return unicodeScalars.allSatisfy(\.isStableForNFC)
    }

    /// `isKnownNFC` on UTF-8 bytes: lead bytes below 0xCC start scalars below U+0300 (continuation
    /// bytes are 0x80...0xBF); 0xE2 starts U+2000...U+2FFF, of which U+2002...U+206F are stable.
    private static func isKnownNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0xCC { index += 1; continue }
            guard byte == 0xE2, index + 2 < bytes.count else { return false }
            let value = 0x2000 | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
            guard Unicode.Scalar(value)?.isStableForNFC == true else { return false }
            index += 3
        }
        return true
    }
}

extension String {
    /// The text with each ASCII byte that `replacement` maps replaced by that string; the text
    /// itself when no byte is replaced (the common case, without copying).
    public func replacingASCII(_ replacement: (UInt8) -> String?) -> String {
        guard containsByte(where: { $0 < 0x80 && replacement($0) != nil }) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if byte < 0x80, let text = replacement(byte) { out.append(contentsOf: text.utf8) } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `lowercased()`, the same text, several times faster for Danish: Latin-1 letters are mapped
    /// directly and only other scalars use their Unicode lowercase mapping (which is what
    /// `lowercased()` does for every scalar of a non-ASCII text).
    public var lowercasedLatin1: String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A:
                out.append(UInt8(value + 0x20))
            case 0..<0x80:
                out.append(UInt8(value))
            case 0xC0...0xDE where value != 0xD7:
                out.append(0xC3); out.append(UInt8(0x80 | ((value + 0x20) & 0x3F)))
            case 0x80..<0x100:
                out.append(UInt8(0xC0 | (value >> 6))); out.append(UInt8(0x80 | (value & 0x3F)))
            default:
                out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text without leading and trailing white space (Unicode White_Space, as Foundation's
    /// `.whitespacesAndNewlines`).
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

extension Data {
    /// The texts one after another as UTF-8, copied once (joining large strings first copies each
    /// byte several times).
    public init(concatenating parts: [String]) {
        self.init(capacity: parts.reduce(0) { $0 + $1.utf8.count })
        for part in parts { append(contentsOf: part.utf8) }
    }
}

extension Array where Element == String {
    /// The elements with `separator` between them, as parts for `Data(concatenating:)`.
    public func interleaved(with separator: String) -> [String] {
        var parts: [String] = []
        parts.reserveCapacity(count * 2)
        for (index, element) in enumerated() {
            if index > 0 { parts.append(separator) }
            parts.append(element)
        }
        return parts
    }
}
