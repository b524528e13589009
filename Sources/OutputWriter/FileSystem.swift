// Thin POSIX layer for OutputWriter. Everything works on raw paths and never follows a symbolic link
// inside the trees it reads or deletes, so a link in the output folder can never redirect a write or a
// deletion outside it.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FileSystem {
    enum Kind: Equatable {
        case directory
        case regularFile
        /// Symbolic link, FIFO, socket, device: never read, never followed.
        case other
    }

    struct Status {
        var kind: Kind
        var size: Int
        var changeTime: timespec
    }

    /// `lstat`, or nil when nothing is at `path`.
    static func status(_ path: String) throws -> Status? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw failure("cannot inspect", path, code)
        }
        return Status(kind: kind(of: info.st_mode), size: Int(info.st_size), changeTime: info.st_ctim)
    }

    static func kind(of mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    /// One directory entry: its name as bytes (without the NUL) and, when they are valid UTF-8, as text.
    struct Entry {
        var rawName: [CChar]
        var name: String?
        /// The name as text even when it is not valid UTF-8 (for messages and plans only).
        var displayName: String {
            name ?? String(decoding: rawName.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The entries of the directory at `path` ("." and ".." left out), in no particular order.
    static func entries(ofDirectory path: String) throws -> [Entry] {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open folder", path, errno) }
        return try entries(ofDirectoryDescriptor: descriptor, path: path)
    }

    /// Reads and closes `descriptor`.
    private static func entries(ofDirectoryDescriptor descriptor: Int32, path: String) throws -> [Entry] {
        guard let stream = fdopendir(descriptor) else {
            let code = errno
            close(descriptor)
            throw failure("cannot read folder", path, code)
        }
        defer { closedir(stream) }
        var result: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw failure("cannot read folder", path, errno) }
                return result
            }
            let rawName = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                buffer.prefix { $0 != 0 }.map { CChar(bitPattern: $0) }
            }
            if rawName == [46] || rawName == [46, 46] { continue }  // "." and ".."
            let name = String(validating: rawName.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            result.append(Entry(rawName: rawName, name: name))
        }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory == "/" ? "/" + name : directory + "/" + name
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open", path, errno) }
        defer { close(descriptor) }
        return try readAll(descriptor, path: path)
    }

    /// Everything left to read from `descriptor` (not closed).
    static func readAll(_ descriptor: Int32, path: String) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read", path, errno)
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// The first `count` bytes of the regular file at `path` (fewer when it is shorter).
    static func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open", path, errno) }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, count - filled) }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read", path, errno)
            }
            if got == 0 { break }
            filled += got
        }
        return Array(buffer.prefix(filled))
    }

    /// Reads the regular file at `relative` below `root`, opening every folder on the way with O_NOFOLLOW,
    /// so a symbolic link anywhere in the path (not only at its end) fails instead of leading outside.
    static func readFileInside(_ root: String, relative: String) throws -> [UInt8] {
        var descriptor = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open folder", root, errno) }
        let components = relative.split(separator: "/").map(String.init)
        for folder in components.dropLast() {
            let next = openat(descriptor, folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let code = errno
            close(descriptor)
            guard next >= 0 else { throw failure("cannot open folder", join(root, relative), code) }
            descriptor = next
        }
        let file = openat(descriptor, components.last ?? "", O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        let code = errno
        close(descriptor)
        guard file >= 0 else { throw failure("cannot open", join(root, relative), code) }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0, kind(of: info.st_mode) == .regularFile else {
            throw failure("not a regular file:", join(root, relative), EINVAL)
        }
        return try readAll(file, path: join(root, relative))
    }

    /// Creates a new file (it must not exist) holding `text` as UTF-8, and flushes it to disk unless `flush`
    /// is false (the caller then flushes the whole file system, see `syncFileSystem`).
    static func writeNewFile(_ path: String, text: String, flush: Bool = true) throws {
        var text = text
        try text.withUTF8 { try writeNewFile(path, UnsafeRawBufferPointer($0), flush: flush) }
    }

    private static func writeNewFile(_ path: String, _ buffer: UnsafeRawBufferPointer, flush: Bool) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create", path, errno) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        var offset = 0
        while offset < buffer.count {
            let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write", path, errno)
            }
            offset += count
        }
        if flush {
            guard fsync(descriptor) == 0 else { throw failure("cannot flush", path, errno) }
        }
        closed = true
        guard close(descriptor) == 0 else { throw failure("cannot close", path, errno) }
    }

    private typealias SyncFS = @convention(c) (Int32) -> Int32

    /// Flushes everything written to the file system that holds `path` (Linux `syncfs`): one flush in place
    /// of one per file. Returns false where `syncfs` is missing, so the caller flushes file by file.
    /// Glibc's Swift module does not declare it, so it is looked up at run time, like renameat2.
    static func syncFileSystem(containing path: String) throws -> Bool {
        #if os(Linux)
        guard let symbol = dlsym(nil, "syncfs") else { return false }
        let syncfs = unsafeBitCast(symbol, to: SyncFS.self)
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open folder", path, errno) }
        defer { close(descriptor) }
        guard syncfs(descriptor) == 0 else { throw failure("cannot flush the file system of", path, errno) }
        return true
        #else
        return false
        #endif
    }

    /// Whether `syncFileSystem` can flush a whole file system here.
    static let canSyncFileSystem: Bool = {
        #if os(Linux)
        dlsym(nil, "syncfs") != nil
        #else
        false
        #endif
    }()

    static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 else { throw failure("cannot create folder", path, errno) }
    }

    /// Flushes a directory's entries (new names, renames) to disk.
    static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open folder", path, errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush folder", path, errno) }
    }

    /// Hard-links `existing` as `new`; returns the errno on failure.
    static func hardLink(_ existing: String, _ new: String) -> Int32? {
        link(existing, new) == 0 ? nil : errno
    }

    static func rename(_ source: String, _ destination: String) throws {
        #if canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #else
        let result = Darwin.rename(source, destination)
        #endif
        guard result == 0 else {
            throw failure("cannot rename \(OutputWriterError.quoted(source)) to", destination, errno)
        }
    }

    enum ExchangeResult {
        case exchanged
        /// renameat2 is missing, or the file system does not support RENAME_EXCHANGE.
        case unsupported
    }

    private typealias RenameAt2 = @convention(c) (
        Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32

    /// Atomically swaps the two existing paths with Linux `renameat2(..., RENAME_EXCHANGE)`.
    ///
    /// Glibc's Swift module does not declare renameat2 (glibc has it since 2.28), so it is looked up at
    /// run time. On glibc RTLD_DEFAULT is `(void *)0`, i.e. a nil handle; the `-2` that Darwin uses would
    /// crash inside glibc's symbol lookup.
    static func exchange(_ first: String, _ second: String) throws -> ExchangeResult {
        #if os(Linux)
        guard let symbol = dlsym(nil, "renameat2") else { return .unsupported }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let atFDCWD: Int32 = -100
        let renameExchange: UInt32 = 2
        if renameat2(atFDCWD, first, atFDCWD, second, renameExchange) == 0 { return .exchanged }
        let code = errno
        if code == EINVAL || code == ENOSYS || code == ENOTSUP { return .unsupported }
        throw failure("cannot exchange \(OutputWriterError.quoted(first)) with", second, code)
        #else
        return .unsupported
        #endif
    }

    /// Deletes whatever is at `path` (a whole tree for a folder) without following symbolic links.
    /// Nothing there is not an error.
    static func removeTree(_ path: String) throws {
        guard let status = try status(path) else { return }
        if status.kind != .directory {
            guard unlink(path) == 0 || errno == ENOENT else { throw failure("cannot delete", path, errno) }
            return
        }
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open folder", path, errno) }
        try removeContents(ofDirectory: descriptor, path: path)
        guard rmdir(path) == 0 || errno == ENOENT else { throw failure("cannot delete folder", path, errno) }
    }

    /// Deletes everything inside the directory open as `descriptor`, then closes it.
    private static func removeContents(ofDirectory descriptor: Int32, path: String) throws {
        // Make sure its entries can be deleted even if someone made the folder read-only.
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & 0o700 != 0o700 {
            _ = fchmod(descriptor, (info.st_mode & 0o7777) | 0o700)
        }
        let listing = dup(descriptor)
        guard listing >= 0 else {
            let code = errno
            close(descriptor)
            throw failure("cannot read folder", path, code)
        }
        defer { close(descriptor) }
        for entry in try entries(ofDirectoryDescriptor: listing, path: path) {
            let childPath = join(path, entry.displayName)
            let terminated = entry.rawName + [0]
            var childInfo = stat()
            guard fstatat(descriptor, terminated, &childInfo, AT_SYMLINK_NOFOLLOW) == 0 else {
                if errno == ENOENT { continue }
                throw failure("cannot inspect", childPath, errno)
            }
            if kind(of: childInfo.st_mode) == .directory {
                let child = openat(descriptor, terminated, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { throw failure("cannot open folder", childPath, errno) }
                try removeContents(ofDirectory: child, path: childPath)
                guard unlinkat(descriptor, terminated, AT_REMOVEDIR) == 0 || errno == ENOENT else {
                    throw failure("cannot delete folder", childPath, errno)
                }
            } else {
                guard unlinkat(descriptor, terminated, 0) == 0 || errno == ENOENT else {
                    throw failure("cannot delete", childPath, errno)
                }
            }
        }
    }

    static func failure(_ operation: String, _ path: String, _ code: Int32) -> OutputWriterError {
        .io("\(operation) \(OutputWriterError.quoted(path)): \(String(cString: strerror(code)))")
    }
}
