import Foundation

/// The Markdown pages of a docs folder as a git revision has them, read from the repository's object store
/// without checking anything out: the same pages, paths and order `DocsTree` would give for a checkout of
/// that revision (`.md` files, hidden folders skipped, symbolic links and submodules left out).
///
/// Reading takes a fixed number of git processes whatever the number of pages: the revision and folder are
/// resolved, the folder's tree is listed once (`git ls-tree -r -z`), and every page is read through one
/// `git cat-file --batch`.
public struct GitRevisionTree: PageSource {
    /// The folder git was pointed at (any folder inside the working tree or a bare repository).
    public let repository: URL
    /// The revision as given (`main`, `HEAD~3`, a commit id).
    public let revision: String
    /// The docs folder inside the repository, relative to its top (`docs-input`; empty for the top).
    public let docsPath: String
    /// The abbreviated commit id of the revision, or of its tree when the revision names a tree.
    public let resolvedRevision: String
    public let pagePaths: [String]
    private let pages: [String: Data]

    /// Reads the pages of `docsPath` at `revision`. `docsPath` is relative to the folder `repository` names
    /// (so `--repo repo/docs` with no docs path means the `docs` folder); nil or empty means that folder.
    public init(repository: URL, revision: String, docsPath: String? = nil) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: repository.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocgenError.inputNotFound(repository.path)
        }
        let git = Git(repository: repository)
        let prefix = try git.run(["rev-parse", "--show-prefix"], failure: { DocgenError.notAGitRepository(repository.path, message: $0) })
        guard let tree = try git.verify("\(revision)^{tree}") else {
            throw DocgenError.unknownRevision(revision, repository: repository.path)
        }
        let commit = try git.verify("\(revision)^{commit}")
        let folder = GitRevisionTree.normalized(String(decoding: prefix, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) + "/" + (docsPath ?? ""))

        var folderTree = tree
        if !folder.isEmpty {
            let listing = try git.run(["ls-tree", "-z", "--full-tree", tree, "--", folder])
            guard let entry = GitRevisionTree.entries(listing).first(where: { $0.path == folder }), entry.type == "tree" else {
                throw DocgenError.docsPathNotFound(folder, revision: revision)
            }
            folderTree = entry.object
        }

        // `--full-tree`: without it git lists only what lies below the folder it runs in.
        let pageEntries = GitRevisionTree.entries(try git.run(["ls-tree", "-r", "-z", "--full-tree", folderTree]))
            .filter { entry in
                entry.type == "blob" && entry.mode != "120000" && entry.path.lowercased().hasSuffix(".md")
                    && !entry.path.split(separator: "/").contains { $0.hasPrefix(".") }
            }
            .sorted { $0.path < $1.path }
        let request = Data(pageEntries.map { $0.object + "\n" }.joined().utf8)
        let blobs = GitRevisionTree.batchContents(try git.run(["cat-file", "--batch"], input: request))
        var pages: [String: Data] = [:]
        for (entry, blob) in zip(pageEntries, blobs) where blob != nil { pages[entry.path] = blob }

        self.repository = repository
        self.revision = revision
        self.docsPath = folder
        self.resolvedRevision = String((commit ?? tree).prefix(12))
        self.pagePaths = pageEntries.map(\.path)
        self.pages = pages
    }

    public func contents(of path: String, maximumBytes: Int) -> Data? { pages[path].map { $0.prefix(maximumBytes) } }

    /// `a//b/./c/` -> `a/b/c`; `` for the top.
    static func normalized(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
    }

    struct Entry {
        var mode: String
        var type: String
        var object: String
        var path: String
    }

    /// The entries of `git ls-tree -z` output: `<mode> SP <type> SP <object> TAB <path> NUL`.
    static func entries(_ output: Data) -> [Entry] {
        output.split(separator: 0).compactMap { record in
            guard let tab = record.firstIndex(of: 9) else { return nil }
            let fields = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ")
            guard fields.count == 3 else { return nil }
            let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            return Entry(mode: String(fields[0]), type: String(fields[1]), object: String(fields[2]), path: path)
        }
    }

    /// The objects of `git cat-file --batch` output, in request order: `<object> SP <type> SP <size> LF
    /// <contents> LF` each, or `<name> SP missing LF` (nil).
    static func batchContents(_ output: Data) -> [Data?] {
        var result: [Data?] = []
        var position = output.startIndex
        while position < output.endIndex {
            guard let lineEnd = output[position...].firstIndex(of: 10) else { break }
            let header = String(decoding: output[position..<lineEnd], as: UTF8.self).split(separator: " ")
            position = lineEnd + 1
            guard header.count == 3, let size = Int(header[2]), size >= 0, position + size <= output.endIndex else {
                result.append(nil)
                continue
            }
            result.append(header[1] == "blob" ? Data(output[position..<(position + size)]) : nil)
            position += size + 1
        }
        return result
    }
}

/// Runs git in one repository and returns its standard output; what git prints on standard error goes into
/// the error when it fails.
struct Git {
    let repository: URL

    func run(_ arguments: [String], input: Data? = nil, failure: ((String) -> DocgenError)? = nil) throws -> Data {
        let result = try ProcessRunner.run(executable: "/usr/bin/env", arguments: ["git", "-C", repository.path] + arguments, input: input)
        let message = String(decoding: result.error, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if result.status == 127 { throw DocgenError.gitFailed("git is not installed or not on PATH (\(message))") }
        guard result.status == 0 else {
            throw failure?(message) ?? DocgenError.gitFailed("git \(arguments.joined(separator: " ")): \(message.isEmpty ? "exit status \(result.status)" : message)")
        }
        return result.output
    }

    /// The object id `name` resolves to, nil when it names nothing.
    func verify(_ name: String) throws -> String? {
        let result = try ProcessRunner.run(executable: "/usr/bin/env", arguments: ["git", "-C", repository.path, "rev-parse", "--verify", "--quiet", "--end-of-options", name], input: nil)
        if result.status == 127 { throw DocgenError.gitFailed("git is not installed or not on PATH") }
        guard result.status == 0 else { return nil }
        let id = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty ? nil : id
    }
}

/// Runs a process to completion, feeding its standard input and collecting its standard output and error
/// concurrently, so that neither side can block the other however much is written.
enum ProcessRunner {
    struct Result {
        var status: Int32
        var output: Data
        var error: Data
    }

    static func run(executable: String, arguments: [String], input: Data?) throws -> Result {
        // A process that exits before reading all its input must not take this one down with SIGPIPE: the
        // write fails instead, and the exit status tells what happened.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let inputPipe = Pipe()
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        do {
            try process.run()
        } catch {
            throw DocgenError.gitFailed("cannot run \(executable): \(error.localizedDescription)")
        }
        let group = DispatchGroup()
        let errorData = ResultSlots<Data>(count: 1)
        DispatchQueue.global().async(group: group) {
            if let input, !input.isEmpty { try? inputPipe.fileHandleForWriting.write(contentsOf: input) }
            try? inputPipe.fileHandleForWriting.close()
        }
        DispatchQueue.global().async(group: group) {
            errorData.set(0, errorPipe.fileHandleForReading.readDataToEndOfFile())
        }
        let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: output, error: errorData.values[0])
    }
}
