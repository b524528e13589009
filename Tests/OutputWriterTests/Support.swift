import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import OutputWriter

/// A fresh temporary parent folder; the output folder is `Generated` inside it. Call `remove()` (in a defer).
struct Scratch {
    let parent: URL
    var output: URL { parent.appendingPathComponent("Generated", isDirectory: true) }
    var outputPath: String { output.path }

    init() throws {
        parent = FileManager.default.temporaryDirectory
            .appendingPathComponent("docgen-outputwriter-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: false)
    }

    func remove() {
        try? FileSystem.removeTree(parent.path)
    }

    /// Hidden siblings of the output folder (staging or previous trees), by name.
    func hiddenSiblings() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".") }.sorted()
    }

    /// Creates files (relative path -> text) under `root`, making folders as needed. In the output folder,
    /// also docgen's marker, as if docgen had written the folder (`foreign: true` leaves it out).
    func make(_ files: [String: String], in root: URL, foreign: Bool = false) throws {
        if root == output || root.lastPathComponent.hasPrefix(".Generated.docgen-previous-"), !foreign {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Data(OutputWriter.markerText.utf8).write(to: root.appendingPathComponent(OutputWriter.markerName))
        }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }
}

/// Every regular file under `root` as relative path -> text.
func files(in root: URL) throws -> [String: String] {
    var result: [String: String] = [:]
    for (path, kind) in try entries(in: root) where kind == "file" {
        result[path] = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
    return result
}

/// Every entry under `root` (not following symbolic links) as relative path -> "file", "dir" or "other".
func entries(in root: URL) throws -> [String: String] {
    var result: [String: String] = [:]
    func walk(_ relative: String) throws {
        let folder = relative.isEmpty ? root.path : root.path + "/" + relative
        // docgen's marker is the writer's own (MarkerTests look at it).
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !(relative.isEmpty && name == OutputWriter.markerName) {
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            #expect(lstat(root.path + "/" + childRelative, &info) == 0)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                result[childRelative] = "dir"
                try walk(childRelative)
            case S_IFREG: result[childRelative] = "file"
            default: result[childRelative] = "other"
            }
        }
    }
    try walk("")
    return result
}

/// Everything `stat` says that a write could change.
struct Stamp: Equatable, CustomStringConvertible {
    var inode: UInt64
    var links: UInt64
    var size: Int64
    var mode: UInt32
    var modified: [Int]
    var changed: [Int]

    init?(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        links = UInt64(info.st_nlink)
        size = Int64(info.st_size)
        mode = UInt32(info.st_mode)
        modified = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
        changed = [Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)]
    }

    var description: String { "inode \(inode) links \(links) size \(size) mtime \(modified) ctime \(changed)" }
}

/// Stamps of `root` itself and of everything under it, by relative path ("" for `root`).
func snapshot(_ root: URL) throws -> [String: Stamp] {
    var result: [String: Stamp] = ["": Stamp(root.path)!]
    for path in try entries(in: root).keys {
        result[path] = Stamp(root.path + "/" + path)
    }
    return result
}

func inode(_ url: URL) -> UInt64? { Stamp(url.path)?.inode }

func outputFiles(_ files: [String: String]) -> [OutputFile] {
    files.map { OutputFile(path: $0.key, contents: $0.value) }
}

/// A stand-in for a process dying at a hook.
struct SimulatedCrash: Error {}

/// Collects values from several threads.
final class Collector<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value] = []
    func append(_ value: Value) { lock.lock(); storage.append(value); lock.unlock() }
    var values: [Value] { lock.lock(); defer { lock.unlock() }; return storage }
}

func isUnsafeOutputDirectory(_ error: any Error) -> Bool {
    if case .unsafeOutputDirectory? = error as? OutputWriterError { return true }
    return false
}
