/// Tarjan's algorithm, iterative (a cycle of thousands of types must not overflow the stack): every node and
/// every edge is visited once, so the cost is linear in nodes plus edges.
enum StronglyConnectedComponents {
    /// `successors[n]`: the nodes node `n` has an edge to. Returns each node's component number; two nodes
    /// have the same number exactly when each can reach the other. A node alone is a component of its own
    /// (with or without an edge to itself).
    static func components(_ successors: [[Int]]) -> [Int] {
        let count = successors.count
        var index = [Int](repeating: -1, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var component = [Int](repeating: -1, count: count)
        var stack: [Int] = []
        var nextIndex = 0
        var nextComponent = 0
        // The depth-first path: each frame is a node and how many of its successors it has looked at.
        var path: [(node: Int, edge: Int)] = []
        for root in 0..<count where index[root] < 0 {
            path.append((root, 0))
            index[root] = nextIndex
            lowLink[root] = nextIndex
            nextIndex += 1
            stack.append(root)
            onStack[root] = true
            while let frame = path.last {
                let node = frame.node
                if frame.edge < successors[node].count {
                    path[path.count - 1].edge += 1
                    let next = successors[node][frame.edge]
                    if index[next] < 0 {
                        index[next] = nextIndex
                        lowLink[next] = nextIndex
                        nextIndex += 1
                        stack.append(next)
                        onStack[next] = true
                        path.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], index[next])
                    }
                    continue
                }
                path.removeLast()
                if let parent = path.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                if lowLink[node] == index[node] {
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component[member] = nextComponent
                        if member == node { break }
                    }
                    nextComponent += 1
                }
            }
        }
        return component
    }
}
