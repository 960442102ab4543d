import KatalogSupport

/// Danish alphabetical order (æ, ø, å after z; "aa" is not treated as å), deterministic on every platform.
public enum DanishCollation {
    public static func key(_ text: String) -> [UInt32] {
        text.lowercased().unicodeScalars.map { scalar in
            switch scalar {
            case "æ", "ä": 0x7B   // after "z" (0x7A)
            case "ø", "ö": 0x7C
            case "å": 0x7D
            case "é", "è": 0x65
            case "ü": 0x79
            default: scalar.value
            }
        }
    }

    /// The order of two keys (negative, zero, positive), as `lexicographicallyPrecedes` orders them.
    public static func compare(_ a: [UInt32], _ b: [UInt32]) -> Int {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                for index in 0..<Swift.min(x.count, y.count) where x[index] != y[index] {
                    return x[index] < y[index] ? -1 : 1
                }
                return x.count - y.count
            }
        }
    }
}

extension Sequence {
    /// Sorted in Danish alphabetical order by a string key.
    /// Each element's collation key is computed once (not once per comparison).
    public func sortedDanish(by key: (Element) -> String) -> [Element] {
        map { element in (element, key(element), DanishCollation.key(key(element))) }
            .sorted { a, b in
                let order = DanishCollation.compare(a.2, b.2)
                return order < 0 || (order == 0 && a.1 < b.1)
            }
            .map(\.0)
    }
}

extension Sequence where Element == Module {
    /// Modules in Danish alphabetical order of title (with their precomputed keys).
    public func sortedByTitle() -> [Module] {
        sorted(by: Module.precedesByTitle)
    }
}

extension Module {
    static func precedesByTitle(_ a: Module, _ b: Module) -> Bool {
        let order = DanishCollation.compare(a.titleKey, b.titleKey)
        // Ties by the title's bytes (the same order as by its scalars, titles being NFC), which
        // costs far less than String's comparison when many titles are alike.
        return order < 0 || (order == 0 && a.title.utf8.lexicographicallyPrecedes(b.title.utf8))
    }
}
