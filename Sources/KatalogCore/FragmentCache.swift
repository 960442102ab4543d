import Foundation

/// Pieces of output derived from one module (its view, its export records, its search entry),
/// kept between builds of a session and keyed by a fingerprint of everything they are made from.
/// A build asks for each piece; unchanged modules get theirs back without recomputing. Pieces
/// not asked for during a build are dropped when it ends (`sweep`), so memory follows the catalog.
public final class FragmentCache: @unchecked Sendable {
    public struct Key: Hashable, Sendable {
        @usableFromInline let kind: String
        @usableFromInline let fingerprint: Int

        @inlinable
        init(kind: String, fingerprint: Int) {
            self.kind = kind
            self.fingerprint = fingerprint
        }

        /// The fingerprint alone decides the bucket (it is already a hash; hashing the kind's
        /// text as well would cost more than the rare fingerprint shared by two kinds).
        @inlinable
        public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }
    }

    /// The cache is split by fingerprint so that the threads of a parallel build rarely wait for
    /// each other's lock (every module asks for several pieces).
    @usableFromInline
    final class Shard {
        @usableFromInline let lock = NSLock()
        /// Each piece with the number of the last build that asked for it.
        @usableFromInline var values: [Key: (value: Any, build: Int)] = [:]
        /// How many pieces the current build has asked for, and the most any build has.
        @usableFromInline var used = 0
        var peak = 0
        init() {}
    }

    @usableFromInline let shards = (0..<16).map { _ in Shard() }
    /// The current build's number (changed only by `begin`, between builds).
    @usableFromInline var build = 0

    public init() {}

    @inlinable
    func shard(_ fingerprint: Int) -> Shard {
        shards[Int(UInt(bitPattern: fingerprint) % UInt(shards.count))]
    }

    /// The cached value of `kind` for `fingerprint`, or `make()` (stored for next time).
    /// Inlinable, so each caller gets a version for its type.
    @inlinable
    public func value<T>(_ kind: String, _ fingerprint: Int, _ make: () -> T) -> T {
        let key = Key(kind: kind, fingerprint: fingerprint)
        let shard = shard(fingerprint)
        let build = self.build
        let cached: T? = shard.lock.withLock {
            guard let index = shard.values.index(forKey: key) else { return nil }
            if shard.values.values[index].build != build {
                shard.values.values[index].build = build
                shard.used += 1
            }
            return shard.values.values[index].value as? T
        }
        if let cached { return cached }
        let value = make()
        shard.lock.withLock {
            if shard.values.updateValue((value, build), forKey: key)?.build != build { shard.used += 1 }
        }
        return value
    }

    /// Starts a build: nothing asked for yet.
    public func begin() {
        build += 1
        for shard in shards { shard.lock.withLock { shard.used = 0 } }
    }

    /// Ends a build. Once the cache holds 1.5 times what the largest build so far asked for, it
    /// drops what the last 16 builds (`memory`) did not ask for: memory stays in proportion to the
    /// catalog, and pieces that only some builds need (the exports of front matter, which a body
    /// edit does not rebuild) survive a run of edits.
    public func sweep() {
        for shard in shards {
            shard.lock.withLock {
                shard.peak = max(shard.peak, shard.used)
                guard shard.values.count * 2 > shard.peak * 3 else { return }
                shard.values = shard.values.filter { $0.value.build > build - Self.memory }
            }
        }
    }

    /// How many pieces the cache holds.
    var count: Int { shards.reduce(0) { total, shard in total + shard.lock.withLock { shard.values.count } } }

    /// How many builds back a piece counts as still in use when the cache is trimmed.
    static let memory = 16
}

/// A fingerprint of several values (within one process; Swift's hashing is seeded per process).
public func fingerprint<each T: Hashable>(_ values: repeat each T) -> Int {
    var hasher = Hasher()
    repeat hasher.combine(each values)
    return hasher.finalize()
}

/// An output file made from many modules (an export, the search index): its path, a fingerprint
/// of what it is made from (equal fingerprints, equal bytes), and how to make it: its text in
/// parts, which the writer writes one after another (a 60 MB export is never assembled in memory).
/// A session skips files whose fingerprint has not changed since it wrote them.
public struct GeneratedFile: Sendable {
    public let path: String
    public let fingerprint: Int
    public let make: @Sendable () -> [String]

    public init(path: String, fingerprint: Int, make: @escaping @Sendable () -> [String]) {
        self.path = path
        self.fingerprint = fingerprint
        self.make = make
    }
}
