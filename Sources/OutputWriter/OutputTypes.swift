// Module OutputWriter: printed files -> Generated/ (atomic replace, unchanged files untouched).
// See Package.swift for its place in the pipeline, and OutputWriter.swift for how a write is carried out.

/// One generated file: where it goes inside the output folder, and its text (written as UTF-8).
public struct OutputFile: Hashable, Sendable {
    /// Relative, "/"-separated path inside the output folder, e.g. "GraphV1/Types/Foo.swift".
    /// Must not be absolute, and no component may be empty, start with "." (so neither "." nor ".."),
    /// or contain a backslash or NUL; see `OutputWriter.validate(_:)`.
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// What a write changes (or changed) in the output folder. Every list is sorted.
public struct OutputPlan: Hashable, Sendable {
    /// Files that do not exist yet.
    public var added: [String]
    /// Files whose bytes differ from the existing ones (or whose path holds something other than a
    /// regular file now, such as a symbolic link).
    public var changed: [String]
    /// Entries of the existing folder that are no longer produced: files, symbolic links and the like,
    /// plus empty folders, which are listed with a trailing "/" (e.g. "GraphBeta/Types/").
    /// Folders that only become empty because their files go are not listed separately.
    public var removed: [String]
    /// Files whose bytes are already exactly right; a write leaves them untouched (same inode and
    /// modification time), so the Swift build does not recompile them.
    public var unchanged: [String]
    /// True when the output folder does not exist yet (so a write creates it even with no files).
    public var createsOutputDirectory: Bool
    /// Entries of the existing folder that are symbolic links or special files (also listed as changed or
    /// removed): never followed or read, replaced or removed by a write; sorted.
    public var links: [String] = []

    /// True when the existing folder lacks docgen's marker (`OutputWriter.markerName`, never listed in
    /// `added`) or holds another text under its name: a write puts it there (a new folder always gets it).
    public var writesMarker = false

    /// Whether a write would touch the file system at all.
    public var hasChanges: Bool {
        createsOutputDirectory || writesMarker || !added.isEmpty || !changed.isEmpty || !removed.isEmpty
    }

    public init(
        added: [String] = [],
        changed: [String] = [],
        removed: [String] = [],
        unchanged: [String] = [],
        createsOutputDirectory: Bool = false
    ) {
        self.added = added.sorted()
        self.changed = changed.sorted()
        self.removed = removed.sorted()
        self.unchanged = unchanged.sorted()
        self.createsOutputDirectory = createsOutputDirectory
    }
}

public enum OutputWriterError: Error, Equatable, CustomStringConvertible {
    /// A file path that could escape or misuse the output folder: absolute, empty, an empty component,
    /// ".", "..", a component starting with ".", a backslash or a NUL. Nothing was written.
    case unsafePath(String)
    /// The same path given twice (equal as Swift strings, i.e. up to Unicode canonical equivalence).
    /// Nothing was written.
    case duplicatePath(String)
    /// Two paths that cannot both exist: one is a file and the other needs it to be a folder
    /// ("A" and "A/B.swift"), or they differ only in letter case, so they would collide on a
    /// case-insensitive file system such as macOS's default. Nothing was written.
    case conflictingPaths(String, String)
    /// The output folder itself may not be written to (the root, the home folder, the current
    /// directory, a symbolic link, a parent that is missing or not writable, ...). Nothing was written.
    case unsafeOutputDirectory(path: String, reason: String)
    /// A file or folder name of the path is longer than file systems allow (255 bytes). Nothing was written.
    case nameTooLong(String)
    /// A system call failed; the message names the operation, the path and the system's reason.
    case io(String)

    public var description: String {
        switch self {
        case .unsafePath(let path):
            return "unsafe output file path \(Self.quoted(path)): it must be relative and \"/\"-separated, "
                + "with no empty component, no component starting with \".\" (so no \".\" or \"..\"), "
                + "and no backslash or NUL"
        case .duplicatePath(let path):
            return "output file path \(Self.quoted(path)) is given more than once"
        case .conflictingPaths(let first, let second):
            return "output file paths \(Self.quoted(first)) and \(Self.quoted(second)) conflict: "
                + "one is a file where the other needs a folder, or they differ only in letter case"
        case .unsafeOutputDirectory(let path, let reason):
            return "refusing to write the output folder \(Self.quoted(path)): \(reason)"
        case .nameTooLong(let path):
            return "output file path \(Self.quoted(path)) has a name longer than \(OutputWriter.maximumNameBytes) bytes, which no file system takes"
        case .io(let message):
            return "output writer I/O error: \(message)"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
