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
        let rootPath = self.root.path.hasSuffix("/") ? self.root.path : self.root.path + "/"
        if let enumerator = FileManager.default.enumerator(at: self.root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
            for case let url as URL in enumerator where url.pathExtension.lowercased() == "md" {
                let path = url.standardizedFileURL.path
                guard path.hasPrefix(rootPath) else { continue }
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey])
                if values?.isRegularFile == true { paths.append(String(path.dropFirst(rootPath.count))) }
            }
        }
        self.pagePaths = paths.sorted()
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

    public var description: String {
        switch self {
        case .inputNotFound(let path): "input folder '\(path)' does not exist or is not a folder"
        case .notAGitRepository(let path, let message): "'\(path)' is not in a git repository\(message.isEmpty ? "" : " (\(message))")"
        case .unknownRevision(let revision, let repository): "unknown revision '\(revision)' in the git repository at '\(repository)'"
        case .docsPathNotFound(let path, let revision): "revision '\(revision)' has no folder '\(path)'"
        case .gitFailed(let message): "git failed: \(message)"
        }
    }
}
