import DocgenModel
import Foundation

/// The Markdown pages of a docs folder: every `.md` file below it, hidden folders excluded, in sorted order
/// of their relative paths (so that nothing depends on file system order).
public struct DocsTree: Sendable {
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
}

public enum DocgenError: Error, CustomStringConvertible {
    case inputNotFound(String)

    public var description: String {
        switch self {
        case .inputNotFound(let path): "input folder '\(path)' does not exist or is not a folder"
        }
    }
}
