// Checks done before anything on disk is touched: the file paths, and where the output folder is.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputWriter {
    /// Checks one output file path; throws `OutputWriterError.unsafePath` unless it is relative,
    /// "/"-separated, and every component is non-empty, does not start with "." (which rules out "."
    /// and ".." too) and has no backslash or NUL. Such a path can only name something inside the
    /// output folder, and never a hidden file or the writer's own staging folders.
    public static func validate(_ path: String) throws {
        guard !path.isEmpty, !path.hasPrefix("/") else { throw OutputWriterError.unsafePath(path) }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = component.unicodeScalars.first, first != ".",
                  !component.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\u{0}" })
            else { throw OutputWriterError.unsafePath(path) }
            // Checked here, before anything is written, so the error names the file and not a staging path.
            guard component.utf8.count <= maximumNameBytes else { throw OutputWriterError.nameTooLong(path) }
        }
    }

    /// The longest file or folder name file systems take (Linux, macOS, Windows: 255 bytes).
    public static let maximumNameBytes = 255

    /// Validates every path, rejects duplicates and conflicts, and returns the files keyed by path.
    static func validatedFiles(_ files: [OutputFile]) throws -> [String: OutputFile] {
        var byPath: [String: OutputFile] = [:]
        for file in files {
            try validate(file.path)
            guard byPath.updateValue(file, forKey: file.path) == nil else {
                throw OutputWriterError.duplicatePath(file.path)
            }
        }
        // Every file path and every folder it needs, folded to lower case: two different spellings that
        // fold the same collide (file vs folder on any file system, case variants on macOS's default).
        var spellings: [String: String] = [:]
        func claim(_ path: String) throws {
            let folded = path.lowercased()
            if let other = spellings[folded] {
                if other != path { throw OutputWriterError.conflictingPaths(min(other, path), max(other, path)) }
            } else {
                spellings[folded] = path
            }
        }
        let sortedPaths = byPath.keys.sorted()
        for path in sortedPaths { try claim(path) }
        // Each folder is checked once, for the first file in it; the files after it would find the same.
        var checkedFolders: Set<Substring> = []
        for path in sortedPaths {
            var end = path.startIndex
            while let slash = path[end...].firstIndex(of: "/") {
                let folder = path[..<slash]
                end = path.index(after: slash)
                guard checkedFolders.insert(folder).inserted else { continue }
                if byPath[String(folder)] != nil { throw OutputWriterError.conflictingPaths(String(folder), path) }
                try claim(String(folder))
            }
        }
        return byPath
    }
}

/// Where the output folder is, and the names of its hidden siblings used while writing.
struct OutputLocation {
    /// Absolute path of the output folder; its parent has symbolic links resolved.
    let path: String
    /// Absolute, symlink-free path of the folder that holds the output folder.
    let parent: String
    /// The output folder's own name.
    let name: String

    var stagingPrefix: String { ".\(name).docgen-staging-" }
    var previousPrefix: String { ".\(name).docgen-previous-" }
    var stagingPath: String { FileSystem.join(parent, stagingPrefix + String(getpid())) }
    var previousPath: String { FileSystem.join(parent, previousPrefix + String(getpid())) }

    /// Resolves `url` and refuses folders that must never be replaced wholesale: the root, the home folder,
    /// the current folder, anything that is, contains or lies inside one of `protected` (the docs the output
    /// is made from), a repository root. `forWriting`: the parent must be writable too (a plan only reads).
    init(_ url: URL, protected: [URL] = [], forWriting: Bool = true) throws {
        guard url.isFileURL else {
            throw OutputWriterError.unsafeOutputDirectory(path: url.absoluteString, reason: "it is not a file URL")
        }
        var given = url.standardizedFileURL.path
        while given.count > 1, given.hasSuffix("/") { given.removeLast() }
        func refuse(_ reason: String) -> OutputWriterError {
            .unsafeOutputDirectory(path: given, reason: reason)
        }
        guard given != "/", !given.isEmpty else { throw refuse("it is the root folder") }
        guard !given.contains("\u{0}") else { throw refuse("the path contains a NUL character") }
        let slash = given.lastIndex(of: "/")!
        let name = String(given[given.index(after: slash)...])
        let parentGiven = slash == given.startIndex ? "/" : String(given[..<slash])
        guard !name.isEmpty, name != ".", name != ".." else { throw refuse("it has no folder name") }

        guard let parent = Self.realPath(parentGiven) else {
            throw refuse("its parent folder \(OutputWriterError.quoted(parentGiven)) does not exist")
        }
        guard try FileSystem.status(parent)?.kind == .directory else {
            throw refuse("its parent \(OutputWriterError.quoted(parentGiven)) is not a folder")
        }
        guard !forWriting || access(parent, W_OK | X_OK) == 0 else {
            throw refuse("its parent folder \(OutputWriterError.quoted(parentGiven)) is not writable")
        }
        let path = FileSystem.join(parent, name)

        for folder in protected {
            var given = folder.standardizedFileURL.path
            while given.count > 1, given.hasSuffix("/") { given.removeLast() }
            // A protected folder that does not exist yet would be created inside or around the output.
            let resolved = Self.realPath(given) ?? given
            if path == resolved {
                throw refuse("it is the input folder \(OutputWriterError.quoted(given)), whose pages a run would delete")
            }
            if resolved.hasPrefix(path + "/") {
                throw refuse("it contains the input folder \(OutputWriterError.quoted(given)), whose pages a run would delete")
            }
            if path.hasPrefix(resolved + "/") {
                throw refuse("it lies inside the input folder \(OutputWriterError.quoted(given)): generated files would mix with the pages")
            }
        }

        for home in Self.homeFolders() where path == home || home.hasPrefix(path + "/") {
            throw refuse(path == home ? "it is your home folder" : "it contains your home folder")
        }
        if let current = Self.realPath(FileManager.default.currentDirectoryPath),
           path == current || current.hasPrefix(path + "/") {
            throw refuse(path == current ? "it is the current directory" : "it contains the current directory")
        }
        switch try FileSystem.status(path)?.kind {
        case nil, .directory?: break
        case .regularFile?: throw refuse("it exists and is a file, not a folder")
        case .other?: throw refuse("it is a symbolic link or special file, not a folder")
        }
        if try FileSystem.status(FileSystem.join(path, ".git")) != nil {
            throw refuse("it contains .git, so it looks like a repository, not a generated folder")
        }
        self.path = path
        self.parent = parent
        self.name = name
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func homeFolders() -> [String] {
        var candidates: [String] = []
        if let home = getenv("HOME") { candidates.append(String(cString: home)) }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir {
            candidates.append(String(cString: directory))
        }
        return candidates.compactMap { $0.isEmpty ? nil : realPath($0) }
    }

    /// Names (valid UTF-8 only) of the parent's entries that start with `prefix`.
    func siblings(withPrefix prefix: String) throws -> [String] {
        try FileSystem.entries(ofDirectory: parent).compactMap { entry in
            guard let name = entry.name, name.hasPrefix(prefix) else { return nil }
            return FileSystem.join(parent, name)
        }.sorted()
    }
}
