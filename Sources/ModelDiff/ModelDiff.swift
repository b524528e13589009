import DocgenModel
import SwiftEmitter

/// Compares two linked models — two states of a docs tree — and reports what changed in the API, one change
/// per fact, each classified by what it does to the generated Swift client (`Impact`). It compares models,
/// not text: a page that moves, is reformatted or reworded without changing the API gives no listed change
/// (rewording is counted in `DriftReport.wordingChanges`).
///
/// How things are matched across the two sides:
/// - API versions by name, or the one pair `Options.versionPair` names (`v1.0` against `beta`).
/// - Operations by method and path shape (`Operation.id`). Those left over are paired when they come from the
///   same page (path below the version folder) or, failing that, carry a title that only one request line
///   has on each side, and only where the pairing is unambiguous: same shape with another method is a method
///   change; the only left-over operation with that method on each side, a path change; the only request
///   line of a page on both sides, both. What is still left over is added or removed — a page of several
///   request lines that swaps some of them has aliases removed and added, not paths changed.
/// - Types and enums by OData name, case-insensitively (a change of case only is reported as such).
/// - Properties by wire name; a property removed and one added whose names differ only in case are a rename.
/// - Enum members by wire value.
public enum ModelDiff {
    public struct Options: Sendable {
        /// How the report names the two sides.
        public var oldLabel: String
        public var newLabel: String
        /// Compare this version of the old model with this version of the new one, and nothing else; nil
        /// compares versions of the same name (a version on one side only is entirely added or removed).
        public var versionPair: VersionPair?

        public init(oldLabel: String = "old", newLabel: String = "new", versionPair: VersionPair? = nil) {
            self.oldLabel = oldLabel
            self.newLabel = newLabel
            self.versionPair = versionPair
        }
    }

    public struct VersionPair: Hashable, Sendable {
        public var old: String
        public var new: String

        public init(old: String, new: String) {
            self.old = old
            self.new = new
        }
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// A side has no such API version.
        case versionNotFound(String, side: String, available: [String])

        public var description: String {
            switch self {
            case .versionNotFound(let version, let side, let available):
                "the \(side) side has no API version '\(version)' (it has: \(available.isEmpty ? "none" : available.joined(separator: ", ")))"
            }
        }
    }

    public static func compare(old: APIModel, new: APIModel, options: Options = Options()) throws -> DriftReport {
        let oldNames = SwiftEmitter.moduleNames(of: old)
        let newNames = SwiftEmitter.moduleNames(of: new)
        var pairs: [(old: APIVersionModel, new: APIVersionModel, label: String)] = []
        if let pair = options.versionPair {
            guard let oldVersion = old.versions.first(where: { $0.name == pair.old }) else {
                throw Failure.versionNotFound(pair.old, side: "old", available: old.versions.map(\.name))
            }
            guard let newVersion = new.versions.first(where: { $0.name == pair.new }) else {
                throw Failure.versionNotFound(pair.new, side: "new", available: new.versions.map(\.name))
            }
            pairs.append((oldVersion, newVersion, pair.old == pair.new ? pair.old : "\(pair.old) → \(pair.new)"))
        } else {
            for name in Set(old.versions.map(\.name) + new.versions.map(\.name)).sorted() {
                let empty = APIVersionModel(name: name, operations: [], types: [], enums: [], examples: [])
                pairs.append((old.versions.first { $0.name == name } ?? empty, new.versions.first { $0.name == name } ?? empty, name))
            }
        }

        var changes: [Change] = []
        var wording: [WordingCount] = []
        for pair in pairs {
            var comparison = VersionComparison(
                old: VersionSide(pair.old, names: oldNames[pair.old.name]),
                new: VersionSide(pair.new, names: newNames[pair.new.name]),
                label: pair.label
            )
            comparison.run()
            changes += comparison.changes
            wording += comparison.wording.map { WordingCount(apiVersion: pair.label, area: $0.key, count: $0.value) }
        }
        let side = { (model: APIModel, label: String, versions: [String]) in
            DriftReport.Side(
                label: label, apiVersions: versions,
                errors: model.diagnostics.filter { $0.severity == .error }.count,
                warnings: model.diagnostics.filter { $0.severity != .error }.count
            )
        }
        return DriftReport(
            old: side(old, options.oldLabel, Array(Set(pairs.map(\.old.name))).sorted().filter { name in old.versions.contains { $0.name == name } }),
            new: side(new, options.newLabel, Array(Set(pairs.map(\.new.name))).sorted().filter { name in new.versions.contains { $0.name == name } }),
            changes: changes, wordingChanges: wording
        )
    }
}

/// One API version of one side, with the names its generated module gives things.
struct VersionSide {
    let version: APIVersionModel
    let names: SwiftModuleNames
    var index: TypeIndex { names.index }
    /// Lookup keys of the named types that properties and bodies use: where a type's Swift name shows up in
    /// code written against the client.
    let usedKeys: Set<String>

    init(_ version: APIVersionModel, names: SwiftModuleNames?) {
        self.version = version
        self.names = names ?? SwiftModuleNames(version: version, moduleName: SwiftEmitter.moduleName(for: version.name).text)
        var used = Set<String>()
        for type in version.types {
            for property in type.properties where property.type.primitive == nil { used.insert(property.type.lookupKey) }
        }
        for operation in version.operations {
            for body in [operation.requestBody, operation.responseBody] {
                if let body, body.primitive == nil { used.insert(body.lookupKey) }
            }
        }
        usedKeys = used
    }

    /// A page's path below its version folder (`api/x.md` for `v1.0/api/x.md`), so that the same page of
    /// two versions, or of a version folder that was renamed, is recognised.
    func pageKey(_ location: SourceLocation) -> String {
        let prefix = version.name + "/"
        return location.path.hasPrefix(prefix) ? String(location.path.dropFirst(prefix.count)) : location.path
    }

    /// How code spells the Swift type of a reference (`[String]`, `AnyDeviceAndAppManagementAssignmentTarget`).
    func swiftType(_ reference: TypeReference) -> String { SwiftSpelling.spell(names.swiftType(reference)) }

    /// The struct, wrapper or enum name a type or enum gets (`DeviceConfiguration`), or the OData name when
    /// the version generates none.
    func structName(_ key: String, fallback: String) -> String { names.structNames[key]?.text ?? fallback }
    func enumName(_ key: String, fallback: String) -> String { names.enumNames[key]?.text ?? names.structNames[key]?.text ?? fallback }

    /// The Swift property names of a type's struct by wire name.
    func propertyNames(of type: TypeDefinition) -> [String: String] {
        var result: [String: String] = [:]
        for (wireName, name) in names.propertyNames(of: type) where result[wireName] == nil { result[wireName] = name.text }
        return result
    }

    /// `client.deviceManagement.deviceConfigurations[deviceConfigurationId].assignments.post(_:)`: the call
    /// that sends the operation, as code written against the client spells it.
    func call(_ operation: Operation) -> String {
        var text = "client"
        for segment in operation.path.segments {
            if segment.kind == .parameter {
                text += "[\(SwiftNaming.memberName(segment.parameterName ?? "id").text)]"
            } else {
                text += "." + SwiftNaming.memberName(segment.text).text
            }
        }
        return text + "." + SwiftModuleNames.functionName(of: operation).text + (operation.requestBody == nil ? "()" : "(_:)")
    }
}

/// Swift types as code writes them, without module qualifiers.
enum SwiftSpelling {
    static func spell(_ type: SwiftType) -> String {
        switch type {
        case .qualified(_, let name): name
        case .local(let name): name.text
        case .optional(let wrapped): spell(wrapped) + "?"
        case .array(let element): "[\(spell(element))]"
        case .dictionary(let key, let value): "[\(spell(key)): \(spell(value))]"
        case .generic(_, let name, let arguments): "\(name)<\(arguments.map(spell).joined(separator: ", "))>"
        case .existential(let wrapped): "any " + spell(wrapped)
        }
    }
}

/// Text from a page made safe to stand between backticks in a reason: no backticks, no line breaks.
func code(_ text: String) -> String {
    let flat = text.map { character -> Character in
        if character == "`" { return "'" }
        if character.isNewline || character == "\t" { return " " }
        return character
    }
    return "`" + String(flat) + "`"
}

/// `a`, `a and b`, `a, b and c`; long lists end with how many more there are.
func list(_ items: [String], limit: Int = 5) -> String {
    var shown = Array(items.prefix(limit))
    if items.count > limit { shown.append("\(items.count - limit) more") }
    switch shown.count {
    case 0: return ""
    case 1: return shown[0]
    default: return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }
}

/// Compares one API version of the old side with one of the new side.
struct VersionComparison {
    let old: VersionSide
    let new: VersionSide
    /// The API version as the changes name it.
    let label: String
    var changes: [Change] = []
    var wording: [Area: Int] = [:]

    init(old: VersionSide, new: VersionSide, label: String) {
        self.old = old
        self.new = new
        self.label = label
    }

    mutating func run() {
        compareOperations()
        compareTypes()
        compareEnums()
    }

    mutating func add(
        _ kind: ChangeKind, _ impact: Impact, subject: String, old oldValue: String? = nil, new newValue: String? = nil,
        at oldLocation: SourceLocation?, _ newLocation: SourceLocation?, because reason: String
    ) {
        changes.append(Change(kind: kind, impact: impact, apiVersion: label, subject: subject, oldValue: oldValue, newValue: newValue,
                              oldLocation: oldLocation, newLocation: newLocation, reason: reason))
    }

    /// Counts a wording-only change when the two texts differ other than in spacing and line breaks.
    mutating func countWording(_ area: Area, _ oldText: String?, _ newText: String?) {
        if oldText == newText { return }
        let words = { (text: String?) in (text ?? "").split(whereSeparator: { $0.isWhitespace }) }
        if words(oldText) != words(newText) { wording[area, default: 0] += 1 }
    }
}
