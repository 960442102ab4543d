import Foundation

/// Values a build session keeps for its next build, each under a fingerprint of everything it is
/// made from (a module's view under the module's and its municipality's bytes). A build asks for
/// every value it needs; unchanged inputs get theirs back without computing it again. When a
/// build ends (`endBuild`), values it did not ask for are dropped, so memory follows the catalog.
/// A build that is not kept (`katalog build`) uses a memo that keeps nothing (`keeps: false`),
/// so it takes the same path without holding what it made.
///
/// Split by key into shards with a lock each, so the threads of a parallel build rarely wait for
/// each other.
public final class Memo<Value>: @unchecked Sendable {
    /// A value with the number of the last build that asked for it. A class: a lookup marks it
    /// used in place, without copying the value out of the dictionary and back.
    private final class Entry {
        let value: Value
        var build: Int
        init(_ value: Value, _ build: Int) { (self.value, self.build) = (value, build) }
    }

    private final class Shard {
        let lock = NSLock()
        var values: [Int: Entry] = [:]
        /// How many of `values` the current build has asked for (when all, `endBuild` drops nothing).
        var asked = 0
    }

    private let shards = (0..<16).map { _ in Shard() }
    /// The current build's number (changed only by `endBuild`, between builds).
    private var build = 0
    private let keeps: Bool

    public init(keeps: Bool = true) {
        self.keeps = keeps
    }

    /// The value kept for `key`, or `make()`, kept for next time.
    public func value(_ key: Int, _ make: () -> Value) -> Value {
        guard keeps else { return make() }
        let shard = shards[Int(UInt(bitPattern: key) % UInt(shards.count))]
        let build = self.build
        let kept: Value? = shard.lock.withLock {
            guard let entry = shard.values[key] else { return nil }
            if entry.build != build {
                entry.build = build
                shard.asked += 1
            }
            return entry.value
        }
        if let kept { return kept }
        let value = make()
        shard.lock.withLock {
            if shard.values.updateValue(Entry(value, build), forKey: key)?.build != build { shard.asked += 1 }
        }
        return value
    }

    /// Ends a build: drops what it did not ask for.
    public func endBuild() {
        for shard in shards {
            shard.lock.withLock {
                if shard.asked < shard.values.count { shard.values = shard.values.filter { $0.value.build == build } }
                shard.asked = 0
            }
        }
        build += 1
    }

    /// How many values the memo keeps.
    public var count: Int { shards.reduce(0) { total, shard in total + shard.lock.withLock { shard.values.count } } }
}

/// The memos of one stage, made together and ended together: a stage declares each memo once
/// (`let findings: Memo<[Finding]>`, then `findings = group.memo()` in its init), and
/// `group.endBuild()` ends every one, so no memo can be left out of a build's end (and hold what
/// the catalog no longer has).
public final class MemoGroup: @unchecked Sendable {
    private let keeps: Bool
    /// Filled while the stage's memo object is initialised, read only after (`endBuild`).
    private var ends: [() -> Void] = []

    /// `keeps`: keep values for the session's next build (false for a build that is not kept).
    public init(keeps: Bool) {
        self.keeps = keeps
    }

    /// A memo of the group.
    public func memo<Value>() -> Memo<Value> {
        let memo = Memo<Value>(keeps: keeps)
        ends.append(memo.endBuild)
        return memo
    }

    /// Ends a build in every memo of the group: each drops what the build did not ask for.
    public func endBuild() {
        for end in ends { end() }
    }
}

/// A value made at most once, by the first caller that asks for it (from any thread), and then
/// shared: what several files of one build are made from (the SOFT rows of the CSV, the JSON and
/// the workbook) is made once, though a one-shot build's memos keep nothing.
public final class Once<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: () -> Value

    public init(_ make: @escaping () -> Value) { self.make = make }

    public var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
