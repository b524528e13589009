import Foundation

/// Work spread over threads of its own: each worker takes the next index nobody has taken yet, so which
/// thread does what varies from run to run, but every result lands at its index, so the outcome does not.
enum ParallelWork {
    /// `body(index)` for every index in `0..<count`, on up to `workers` threads; the results in index order.
    /// With one worker (or one index) it runs on the calling thread.
    static func map<Result>(count: Int, workers: Int, _ body: @escaping @Sendable (Int) -> Result) -> [Result] {
        let workers = max(1, min(workers, count))
        guard workers > 1 else { return (0..<count).map(body) }
        let results = ResultSlots<Result>(count: count)
        let indices = IndexDispenser(count: count)
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                while let index = indices.next() { results.set(index, body(index)) }
                group.leave()
            }
            // As much stack as the main thread has: pages are parsed on these threads.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return results.values
    }

    /// The number of processors available: the default number of workers.
    static var processorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Hands out 0, 1, 2, ... up to `count` once each, to whichever thread asks.
final class IndexDispenser: @unchecked Sendable {
    private let count: Int
    private var nextIndex = 0
    private let lock = NSLock()

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
}

/// Results written by index from concurrent workers, read once all are done.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] { slots.map { $0! } }
}

/// Items handed out once each, by index, to concurrent workers; the box lets go of each as it is taken.
final class ConsumableItems<Item>: @unchecked Sendable {
    private var slots: [Item?]
    private let lock = NSLock()

    init(_ items: [Item]) { slots = items.map { $0 } }

    var count: Int { slots.count }

    /// The item at `index`; taking it twice is a programming error.
    func take(_ index: Int) -> Item {
        lock.lock()
        defer { lock.unlock() }
        guard let item = slots[index] else { preconditionFailure("item \(index) was taken already") }
        slots[index] = nil
        return item
    }
}
