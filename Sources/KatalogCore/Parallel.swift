import Dispatch

/// Work spread across all cores: each stage that handles modules or pages independently
/// (parse, check, render) maps over them with this.
public enum Parallel {
    /// `body(0) … body(count - 1)`, computed concurrently, returned in order.
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let results = Slots<T>(count: count)
        // concurrentPerform runs `body` on several threads; callers pass closures that only read shared state.
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.store(body(index), at: index)
        }
        return results.values()
    }

    /// `items.map(body)`, computed concurrently.
    public static func map<C: RandomAccessCollection, T>(_ items: C, _ body: (C.Element) -> T) -> [T] where C.Index == Int {
        map(items.count) { body(items[items.startIndex + $0]) }
    }
}

/// One slot per result. Each index is written by exactly one iteration, so no lock is needed;
/// `concurrentPerform` returns only after every iteration has finished.
private final class Slots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil, count: count)
    }
    deinit {
        buffer.deinitialize(count: count)
        buffer.deallocate()
    }
    func store(_ value: T, at index: Int) { buffer[index] = value }
    func values() -> [T] { (0..<count).map { buffer[$0]! } }
}
