// How a write works (all hidden siblings live in the output folder's parent, so on the same file system):
//
//  1. Check every file path and the output folder itself; nothing on disk is touched before this passes.
//  2. Lock the parent folder (flock on the folder itself, so no lock file is left behind); concurrent
//     docgen runs on the same output folder wait for each other, which also makes every staging or
//     previous folder found below a leftover of a run that died.
//  3. Recover: if the output folder is missing and a `.<name>.docgen-previous-*` sibling exists, a run died
//     between the two renames of the fallback swap; rename it back. (plan does this too.) Then delete
//     leftover `.<name>.docgen-staging-*` siblings, and stale previous ones when the output folder exists.
//  4. Plan: compare the wanted files with the existing folder. If nothing differs, stop: nothing is touched.
//  5. Stage: build the complete new tree in `.<name>.docgen-staging-<pid>`. Unchanged files are hard links to
//     the existing ones (same inode and modification time, so the Swift build does not recompile them);
//     new and changed files are written fresh, then the file system is flushed once (Linux syncfs), so
//     every staged file and folder is on disk; where syncfs is missing, each file is fsynced as it is
//     written and then every staged folder.
//  6. Swap: renameat2(RENAME_EXCHANGE) swaps staging and output in one step. Where that is unavailable
//     (EINVAL/ENOSYS), rename output -> `.<name>.docgen-previous-<pid>`, then staging -> output; a crash
//     between the two is undone by step 3 of the next run. With no output folder yet, staging is renamed.
//  7. Delete the old tree (best effort: a leftover is removed by step 3 of the next run).
//
// So a reader of the output folder, or a crash at any instant, sees the complete old tree or the complete
// new one: never a mix, never a half-written file.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation

public enum OutputWriter {
    /// What `write` would do, reading the existing folder (which may not exist). Writes nothing, with one
    /// exception that restores what was there: if an earlier write died between the two renames of the
    /// fallback swap, the old output folder is renamed back first.
    public static func plan(_ files: [OutputFile], outputDirectory: URL, options: Options = Options()) throws -> OutputPlan {
        let wanted = try validatedFiles(files)
        let location = try OutputLocation(outputDirectory, protected: options.protectedFolders, forWriting: false)
        let lock = try ParentLock(location.parent)
        defer { lock.release() }
        // Reads only, so that it works in a read-only checkout: if an earlier write died between the two
        // renames of the fallback swap, the tree a write would put back is the one compared.
        let root = try FileSystem.status(location.path) == nil ? try newestPrevious(location) : nil
        return try compare(wanted, with: location, root: root, options: options).plan
    }

    /// What a write may take over, besides files: which folders it must stay clear of, and when a folder
    /// without docgen's marker may be adopted.
    public struct Options: Sendable {
        /// Folders the output folder must not be, contain or lie inside: the docs it is generated from.
        public var protectedFolders: [URL]
        /// An existing output folder without the marker (`markerName`) is taken over only when it is empty or
        /// every file in it starts with this text (a folder docgen wrote before it kept a marker); nil: only
        /// when it is empty.
        public var adoptableHeader: String?

        public init(protectedFolders: [URL] = [], adoptableHeader: String? = nil) {
            self.protectedFolders = protectedFolders
            self.adoptableHeader = adoptableHeader
        }
    }

    /// The file the writer keeps at the top of every output folder it writes: it says that the folder is
    /// docgen's, and a folder that lacks it (and holds files) is never replaced, so docgen never removes a
    /// file it did not write.
    public static let markerName = ".docgen-output"
    static let markerText = "This folder is written by docgen: every run replaces all of it. Do not keep other files here.\n"

    /// Makes `outputDirectory` hold exactly `files` (UTF-8), atomically, and returns the plan it carried out.
    /// Files no longer produced and folders left empty disappear; unchanged files keep their inode and
    /// modification time; when the plan has no changes, nothing at all is touched. `whileLocked` runs once
    /// the folder is in place, still under the writer's lock (a run that changes files beside the folder, such
    /// as a package manifest, does it there, so that two runs at once cannot mix their results).
    @discardableResult
    public static func write(_ files: [OutputFile], to outputDirectory: URL, options: Options = Options(),
                             whileLocked: () throws -> Void = {}) throws -> OutputPlan {
        var hooks = Hooks()
        hooks.options = options
        return try write(files, to: outputDirectory, hooks: hooks, whileLocked: whileLocked)
    }

    /// The current text of the file at `path` (relative) in `outputDirectory`, read without following any
    /// symbolic link on the way: nil when it is not a regular file inside the folder, or not UTF-8.
    public static func existingText(of path: String, in outputDirectory: URL) -> String? {
        guard (try? validate(path)) != nil,
              let bytes = try? FileSystem.readFileInside(outputDirectory.standardizedFileURL.path, relative: path)
        else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Test hook: `afterStaging` runs once the complete new tree is staged (it gets the staging folder),
    /// just before the swap. If it throws, the write stops there without cleaning up, like a process
    /// killed at that instant.
    static func write(
        _ files: [OutputFile],
        to outputDirectory: URL,
        afterStaging: @escaping (URL) throws -> Void
    ) throws -> OutputPlan {
        var hooks = Hooks()
        hooks.afterStaging = afterStaging
        return try write(files, to: outputDirectory, hooks: hooks)
    }

    /// Points where tests can simulate a crash, and a switch to force the fallback swap.
    /// An error thrown by a hook stops the write on the spot, leaving everything as a crash would.
    struct Hooks {
        var afterStaging: (URL) throws -> Void = { _ in }
        /// Runs in the fallback swap after output -> previous and before staging -> output.
        var betweenFallbackRenames: (URL) throws -> Void = { _ in }
        /// False forces the rename-based fallback, as on a file system without RENAME_EXCHANGE.
        var useRenameExchange = true
        /// Told which swap was used.
        var swapped: (SwapMethod) -> Void = { _ in }
        var options = Options()
    }

    enum SwapMethod: Equatable {
        case created
        case exchanged
        case renamedViaPrevious
    }

    static func write(_ files: [OutputFile], to outputDirectory: URL, hooks: Hooks, whileLocked: () throws -> Void = {}) throws -> OutputPlan {
        var wanted = try validatedFiles(files)
        let location = try OutputLocation(outputDirectory, protected: hooks.options.protectedFolders)
        let lock = try ParentLock(location.parent)
        defer { lock.release() }
        try recoverInterruptedSwap(location)
        try removeLeftovers(location)

        let comparison = try compare(wanted, with: location, options: hooks.options)
        guard comparison.plan.hasChanges else {
            try whileLocked()
            return comparison.plan
        }
        wanted[markerName] = OutputFile(path: markerName, contents: markerText)

        let staging = location.stagingPath
        do {
            try stage(wanted, comparison: comparison, location: location, into: staging)
        } catch {
            try? FileSystem.removeTree(staging)
            throw error
        }
        try hooks.afterStaging(URL(fileURLWithPath: staging, isDirectory: true))

        let method = try swap(location: location, hooks: hooks)
        hooks.swapped(method)
        // The new tree is in place. The old one (if any) now sits at the staging or previous path; a
        // failure to delete it does not undo the write, and the next run deletes it.
        try? FileSystem.removeTree(staging)
        try? FileSystem.removeTree(location.previousPath)
        try whileLocked()
        return comparison.plan
    }

    // MARK: - Recovery and leftovers

    /// If the output folder is missing but a previous tree exists, an earlier run died between the two
    /// renames of the fallback swap: put the old tree back.
    static func recoverInterruptedSwap(_ location: OutputLocation) throws {
        guard try FileSystem.status(location.path) == nil, let restored = try newestPrevious(location) else { return }
        try FileSystem.rename(restored, location.path)
        try FileSystem.syncDirectory(location.parent)
    }

    /// The newest previous tree beside the output folder, the one recovery would put back.
    static func newestPrevious(_ location: OutputLocation) throws -> String? {
        var newest: (path: String, time: timespec)?
        for candidate in try location.siblings(withPrefix: location.previousPrefix) {
            guard let status = try FileSystem.status(candidate), status.kind == .directory else { continue }
            if let current = newest, !isLater(status.changeTime, than: current.time) { continue }
            newest = (candidate, status.changeTime)
        }
        return newest?.path
    }

    private static func isLater(_ first: timespec, than second: timespec) -> Bool {
        (first.tv_sec, first.tv_nsec) > (second.tv_sec, second.tv_nsec)
    }

    /// Deletes staging folders of runs that died (any live run would hold the lock we hold), and previous
    /// trees whose swap completed.
    static func removeLeftovers(_ location: OutputLocation) throws {
        for staging in try location.siblings(withPrefix: location.stagingPrefix) {
            try FileSystem.removeTree(staging)
        }
        if try FileSystem.status(location.path) != nil {
            for previous in try location.siblings(withPrefix: location.previousPrefix) {
                try FileSystem.removeTree(previous)
            }
        }
    }

    // MARK: - Comparing

    struct Comparison {
        var plan: OutputPlan
        /// Paths whose existing file is byte-for-byte right; staged as hard links.
        var unchanged: Set<String>
    }

    /// `root`: the tree to compare with, when not the output folder itself (a plan's view of a folder that
    /// recovery would restore).
    static func compare(_ wanted: [String: OutputFile], with location: OutputLocation, root: String? = nil,
                        options: Options = Options()) throws -> Comparison {
        let rootPath = root ?? location.path
        guard let status = try FileSystem.status(rootPath) else {
            return Comparison(plan: OutputPlan(added: Array(wanted.keys), createsOutputDirectory: true), unchanged: [])
        }
        guard status.kind == .directory else {
            throw OutputWriterError.unsafeOutputDirectory(path: location.path, reason: "it is not a folder")
        }
        var existing = try ExistingTree(root: rootPath)
        let marker = existing.entries.removeValue(forKey: markerName)
        let hasMarker = try marker?.kind == .regularFile && FileSystem.readFile(FileSystem.join(rootPath, markerName)) == Array(markerText.utf8)
        if !hasMarker, !existing.entries.isEmpty || !existing.strays.isEmpty {
            try checkAdoptable(existing, root: rootPath, location: location, header: options.adoptableHeader)
        }
        var wantedFolders: Set<String> = []
        for path in wanted.keys {
            var components = path.split(separator: "/")
            components.removeLast()
            while !components.isEmpty {
                wantedFolders.insert(components.joined(separator: "/"))
                components.removeLast()
            }
        }

        var added: [String] = []
        var changed: [String] = []
        var unchanged: [String] = []
        for (path, file) in wanted {
            guard let entry = existing.entries[path] else {
                added.append(path)
                continue
            }
            let bytes = Array(file.contents.utf8)
            if entry.kind == .regularFile, entry.path.utf8.elementsEqual(path.utf8), entry.size == bytes.count,
               try FileSystem.readFile(FileSystem.join(rootPath, path)) == bytes {
                unchanged.append(path)
            } else {
                changed.append(path)
            }
        }
        var removed = existing.strays
        for (path, entry) in existing.entries where wanted[path] == nil {
            removed.append(entry.path)
        }
        for folder in existing.emptyFolders where !wantedFolders.contains(folder) {
            removed.append(folder + "/")
        }
        var plan = OutputPlan(added: added, changed: changed, removed: removed, unchanged: unchanged)
        plan.writesMarker = !hasMarker
        plan.links = existing.entries.values.filter { $0.kind == .other }.map(\.path).sorted()
        return Comparison(plan: plan, unchanged: Set(unchanged))
    }

    /// Throws unless a folder without docgen's marker may be taken over: every entry is a regular file
    /// starting with `header`. A folder docgen did not write is never replaced.
    static func checkAdoptable(_ existing: ExistingTree, root: String, location: OutputLocation, header: String?) throws {
        var foreign = existing.strays
        let headerBytes = header.map { Array($0.utf8) }
        for entry in existing.entries.values.sorted(by: { $0.path < $1.path }) where foreign.count < 3 {
            guard let headerBytes, entry.kind == .regularFile,
                  try FileSystem.readPrefix(FileSystem.join(root, entry.path), count: headerBytes.count) == headerBytes
            else {
                foreign.append(entry.path)
                continue
            }
        }
        guard !foreign.isEmpty else { return }
        let listed = foreign.prefix(3).map { OutputWriterError.quoted($0) }.joined(separator: ", ")
        throw OutputWriterError.unsafeOutputDirectory(
            path: location.path,
            reason: "it holds files docgen did not write (\(listed)) and no \(markerName) marker says docgen owns it; "
                + "a run would delete them: move them away or choose another folder"
        )
    }

    /// The existing output folder: every non-folder entry by relative path, and the empty folders.
    struct ExistingTree {
        struct Entry {
            /// The relative path as spelled on disk.
            var path: String
            var kind: FileSystem.Kind
            var size: Int
        }
        /// Keyed by relative path (Swift string equality, i.e. up to Unicode canonical equivalence).
        var entries: [String: Entry] = [:]
        /// Entries that can never be produced (names that are not UTF-8, canonical-equivalence twins).
        var strays: [String] = []
        var emptyFolders: [String] = []

        init(root: String) throws {
            try scan(root: root, relative: "")
        }

        private mutating func scan(root: String, relative: String) throws {
            let children = try FileSystem.entries(ofDirectory: relative.isEmpty ? root : FileSystem.join(root, relative))
            if children.isEmpty, !relative.isEmpty { emptyFolders.append(relative) }
            for child in children {
                let childRelative = relative.isEmpty ? child.displayName : relative + "/" + child.displayName
                guard child.name != nil else {
                    strays.append(childRelative)
                    continue
                }
                guard let status = try FileSystem.status(FileSystem.join(root, childRelative)) else { continue }
                if status.kind == .directory {
                    try scan(root: root, relative: childRelative)
                } else if entries[childRelative] != nil {
                    strays.append(childRelative)
                } else {
                    entries[childRelative] = Entry(path: childRelative, kind: status.kind, size: status.size)
                }
            }
        }
    }

    // MARK: - Staging

    static func stage(
        _ wanted: [String: OutputFile],
        comparison: Comparison,
        location: OutputLocation,
        into staging: String
    ) throws {
        try FileSystem.makeDirectory(staging)
        let flushesFileSystem = FileSystem.canSyncFileSystem
        var folders: Set<String> = []
        for path in wanted.keys.sorted() {
            var folder = ""
            for component in path.split(separator: "/").dropLast() {
                folder = folder.isEmpty ? String(component) : folder + "/" + component
                if folders.insert(folder).inserted {
                    try FileSystem.makeDirectory(FileSystem.join(staging, folder))
                }
            }
            let target = FileSystem.join(staging, path)
            if comparison.unchanged.contains(path),
               FileSystem.hardLink(FileSystem.join(location.path, path), target) == nil {
                continue
            }
            // New or changed, or a file system that cannot hard-link: write the bytes.
            try FileSystem.writeNewFile(target, text: wanted[path]!.contents, flush: !flushesFileSystem)
        }
        // One flush of the whole file system covers every file and folder staged; without syncfs, each
        // file was flushed as it was written, and each folder is now.
        if flushesFileSystem, try FileSystem.syncFileSystem(containing: staging) { return }
        for folder in folders.sorted(by: >) {
            try FileSystem.syncDirectory(FileSystem.join(staging, folder))
        }
        try FileSystem.syncDirectory(staging)
    }

    // MARK: - Swapping

    /// Puts the staged tree in place of the output folder. Afterwards the old tree, if any, is at the
    /// staging path (exchange) or the previous path (fallback).
    static func swap(location: OutputLocation, hooks: Hooks) throws -> SwapMethod {
        let staging = location.stagingPath
        guard try FileSystem.status(location.path) != nil else {
            do {
                try FileSystem.rename(staging, location.path)
            } catch {
                try? FileSystem.removeTree(staging)
                throw error
            }
            try FileSystem.syncDirectory(location.parent)
            return .created
        }
        if hooks.useRenameExchange {
            let result: FileSystem.ExchangeResult
            do {
                result = try FileSystem.exchange(staging, location.path)
            } catch {
                try? FileSystem.removeTree(staging)
                throw error
            }
            if result == .exchanged {
                try FileSystem.syncDirectory(location.parent)
                return .exchanged
            }
        }
        let previous = location.previousPath
        do {
            try FileSystem.rename(location.path, previous)
        } catch {
            try? FileSystem.removeTree(staging)
            throw error
        }
        try hooks.betweenFallbackRenames(URL(fileURLWithPath: previous, isDirectory: true))
        do {
            try FileSystem.rename(staging, location.path)
        } catch {
            // Put the old tree back; if even that fails, the next run's recovery does it.
            try? FileSystem.rename(previous, location.path)
            try? FileSystem.removeTree(staging)
            throw error
        }
        try FileSystem.syncDirectory(location.parent)
        return .renamedViaPrevious
    }
}

/// An exclusive flock on the output folder's parent, held for the whole plan or write.
struct ParentLock {
    let descriptor: Int32

    init(_ parent: String) throws {
        descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystem.failure("cannot open folder", parent, errno) }
        while flock(descriptor, LOCK_EX) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(descriptor)
            throw FileSystem.failure("cannot lock folder", parent, code)
        }
    }

    func release() {
        close(descriptor)
    }
}
