import DocgenModel
import Foundation

/// How diagnostics are printed: the one place that turns them into text for people, GitHub, tools.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    /// `path:line:column: error|warning: message [code]`, one line each.
    case text
    /// GitHub workflow commands (`::warning file=…,line=…,col=…,title=[code]::message`), which a pull
    /// request shows as annotations on the lines they name.
    case github
    /// One JSON object a line (`severity`, `code`, `message`, `path`, `line`, `column`): for tools such as
    /// the `generate-graph-client` plugin.
    case json
    /// One SARIF 2.1.0 document with every diagnostic (code scanning, editors).
    case sarif

    /// Whether the format is text a person reads, followed by an "N errors, M warnings" line.
    public var isForPeople: Bool { self == .text || self == .github }

    /// The text for `diagnostics`, each line ending in a line feed (one document for `sarif`).
    public func render(_ diagnostics: [Diagnostic]) -> String {
        switch self {
        case .text: return diagnostics.map { $0.description + "\n" }.joined()
        case .github: return diagnostics.map { DiagnosticFormat.githubCommand($0) + "\n" }.joined()
        case .json: return diagnostics.map { DiagnosticFormat.jsonLine($0) + "\n" }.joined()
        case .sarif: return DiagnosticFormat.sarif(diagnostics) + "\n"
        }
    }

    /// `::error file=docs/a.md,line=3,col=1,title=[json-invalid]::message`, escaped as GitHub's runner
    /// reads workflow commands: `%`, CR and LF in the message; those and `:` and `,` in properties.
    public static func githubCommand(_ diagnostic: Diagnostic) -> String {
        let command = diagnostic.severity == .error ? "error" : "warning"
        let properties = [
            "file=" + escapeProperty(diagnostic.location.path),
            "line=\(diagnostic.location.line)",
            "col=\(diagnostic.location.column)",
            "title=" + escapeProperty("[\(diagnostic.code.rawValue)]"),
        ]
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(diagnostic.message))"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// One diagnostic as a JSON object on one line, keys sorted.
    public static func jsonLine(_ diagnostic: Diagnostic) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(severity: diagnostic.severity.rawValue, code: diagnostic.code.rawValue, message: diagnostic.message,
                        path: diagnostic.location.path, line: diagnostic.location.line, column: diagnostic.location.column)
        return String(decoding: (try? encoder.encode(line)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The shape of a `json` line, also what readers of it decode.
    public struct Line: Codable, Hashable, Sendable {
        public var severity: String
        public var code: String
        public var message: String
        public var path: String
        public var line: Int
        public var column: Int

        public init(severity: String, code: String, message: String, path: String, line: Int, column: Int) {
            self.severity = severity
            self.code = code
            self.message = message
            self.path = path
            self.line = line
            self.column = column
        }
    }

    /// A SARIF 2.1.0 log with one run of docgen; rules are the codes used, sorted.
    public static func sarif(_ diagnostics: [Diagnostic]) -> String {
        let codes = Set(diagnostics.map(\.code.rawValue)).sorted()
        let log = SARIF.Log(runs: [SARIF.Run(
            tool: .init(driver: .init(name: "docgen", version: DocgenVersion.current, informationUri: nil,
                                      rules: codes.map { .init(id: $0) })),
            results: diagnostics.map { diagnostic in
                SARIF.Result(
                    ruleId: diagnostic.code.rawValue, level: diagnostic.severity == .error ? "error" : "warning",
                    message: .init(text: diagnostic.message),
                    locations: [.init(physicalLocation: .init(
                        artifactLocation: .init(uri: diagnostic.location.path),
                        region: .init(startLine: diagnostic.location.line, startColumn: diagnostic.location.column)
                    ))]
                )
            }
        )])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(log)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// The parts of SARIF 2.1.0 docgen writes.
enum SARIF {
    struct Log: Encodable {
        var version = "2.1.0"
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case version, runs
            case schema = "$schema"
        }
    }
    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }
    struct Tool: Encodable {
        var driver: Driver
    }
    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String?
        var rules: [Rule]
    }
    struct Rule: Encodable {
        var id: String
    }
    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Message
        var locations: [Location]
    }
    struct Message: Encodable {
        var text: String
    }
    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }
    struct ArtifactLocation: Encodable {
        var uri: String
    }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}

/// docgen's version, which `docgen --version` prints and SARIF logs name.
public enum DocgenVersion {
    public static let current = "0.2.0"
}
