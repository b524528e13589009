import DocgenModel
import Foundation

/// Where the pages of a docs tree come from: a folder (`DocsTree`) or a revision of a git repository
/// (`GitRevisionTree`). Either way a page is known by its path relative to the docs root, `/`-separated, and
/// that path is what diagnostics and source locations show.
public protocol PageSource: Sendable {
    /// Paths of the Markdown pages relative to the docs root, `/`-separated, sorted.
    var pagePaths: [String] { get }
    /// The first `maximumBytes` bytes of the page at `path` (one of `pagePaths`), all of it when shorter; nil
    /// when it cannot be read.
    func contents(of path: String, maximumBytes: Int) -> Data?
}

/// The Markdown pages of a docs folder: every `.md` file below it, hidden folders excluded, in sorted order
/// of their relative paths (so that nothing depends on file system order).
public struct DocsTree: PageSource {
    public let root: URL
    /// Paths relative to `root`, `/`-separated, sorted.
    public let pagePaths: [String]

    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: self.root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocgenError.inputNotFound(root.path)
        }
        var paths: [String] = []
        DocsTree.collectPages(in: self.root.path, relativePath: "", into: &paths)
        self.pagePaths = paths.sorted()
    }

    /// Adds the `.md` regular files below `folder` to `paths`, relative to the docs root. One `readdir` walk:
    /// the file type comes with each entry (an `lstat` only where the file system does not say), so a tree
    /// of thousands of pages costs no more than listing it. Hidden entries are skipped, and symbolic links are
    /// neither pages nor followed: what is read stays inside the tree.
    private static func collectPages(in folder: String, relativePath: String, into paths: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            var kind = Int32(entry.pointee.d_type)
            if kind == Int32(DT_UNKNOWN) {
                var status = stat()
                guard lstat(folder + "/" + name, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: kind = Int32(DT_DIR)
                case S_IFREG: kind = Int32(DT_REG)
                default: continue
                }
            }
            if kind == Int32(DT_DIR) {
                folders.append(name)
            } else if kind == Int32(DT_REG), name.lowercased().hasSuffix(".md"), name.count > 3 {
                paths.append(relativePath + name)
            }
        }
        for name in folders {
            collectPages(in: folder + "/" + name, relativePath: relativePath + name + "/", into: &paths)
        }
    }

    public func url(of path: String) -> URL { root.appendingPathComponent(path) }

    /// Reads no more than `maximumBytes`, however large the file.
    public func contents(of path: String, maximumBytes: Int) -> Data? {
        guard let handle = try? FileHandle(forReadingFrom: url(of: path)) else { return nil }
        defer { try? handle.close() }
        do {
            return try handle.read(upToCount: maximumBytes) ?? Data()
        } catch {
            return nil
        }
    }
}

public enum DocgenError: Error, CustomStringConvertible, Equatable {
    case inputNotFound(String)
    /// The folder is not inside a git repository (git's message).
    case notAGitRepository(String, message: String)
    /// git does not know the revision in the repository.
    case unknownRevision(String, repository: String)
    /// The revision has no folder at the docs path.
    case docsPathNotFound(String, revision: String)
    /// git could not be run, or failed in a way the other cases do not cover.
    case gitFailed(String)

    /// One line, whatever the paths and git's messages hold (`Diagnostic.oneLine`).
    public var description: String { Diagnostic.oneLine(text) }

    private var text: String {
        switch self {
        case .inputNotFound(let path): "input folder '\(path)' does not exist or is not a folder"
        case .notAGitRepository(let path, let message): "'\(path)' is not in a git repository\(message.isEmpty ? "" : " (\(message))")"
        case .unknownRevision(let revision, let repository): "unknown revision '\(revision)' in the git repository at '\(repository)'"
        case .docsPathNotFound(let path, let revision): "revision '\(revision)' has no folder '\(path)'"
        case .gitFailed(let message): "git failed: \(message)"
        }
    }
}
