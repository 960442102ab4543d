import Dispatch

/// Work spread across all cores: each stage that handles modules or pages independently
/// (parse, check, render) maps over them with this.
public enum Parallel {
    /// `body(0) … body(count - 1)`, computed concurrently, returned in order. Each result is
    /// written straight into the array (inlinable, so each caller gets a version for its type).
    @inlinable
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            // concurrentPerform runs `body` on several threads; callers pass closures that only read
            // shared state, and each index is written by exactly one iteration.
            nonisolated(unsafe) let base = buffer.baseAddress!
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (base + index).initialize(to: body(index))
            }
            initialized = count
        }
    }

    /// `items.map(body)`, computed concurrently.
    @inlinable
    public static func map<C: RandomAccessCollection, T>(_ items: C, _ body: (C.Element) -> T) -> [T] where C.Index == Int {
        map(items.count) { body(items[items.startIndex + $0]) }
    }
}
