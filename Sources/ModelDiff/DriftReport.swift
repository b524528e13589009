import DocgenModel
import Foundation

/// What changed in the API between two states of a docs tree, judged by what it does to the generated Swift
/// client. Built by `ModelDiff.compare`; rendered by `MarkdownReport` and `DriftReport.jsonText()`.
///
/// Everything in it is sorted, so the same two models always give the same report, byte for byte.
public struct DriftReport: Codable, Hashable, Sendable {
    /// The two states compared.
    public var old: Side
    public var new: Side
    /// Every change listed one by one: breaking first, then additive, then informational; within each by area,
    /// API version, subject and kind.
    public var changes: [Change]
    /// Changes of wording only (descriptions, titles, permission cells that name the same scopes), counted
    /// per API version and area rather than listed.
    public var wordingChanges: [WordingCount]
    public var summary: Summary

    public init(old: Side, new: Side, changes: [Change], wordingChanges: [WordingCount]) {
        self.old = old
        self.new = new
        self.changes = changes.sorted()
        self.wordingChanges = wordingChanges.filter { $0.count > 0 }.sorted()
        self.summary = Summary(changes: self.changes, wordingChanges: self.wordingChanges)
    }

    public var hasBreakingChanges: Bool { summary.breaking > 0 }

    /// One side of the comparison.
    public struct Side: Codable, Hashable, Sendable {
        /// What the side is, as the user named it (`docs-input`, `main (3f409e0a1b2c)`).
        public var label: String
        /// The API versions of the side that were compared.
        public var apiVersions: [String]
        /// The diagnostics of the side's pages, counted; `docgen lint` lists them.
        public var errors: Int
        public var warnings: Int

        public init(label: String, apiVersions: [String], errors: Int, warnings: Int) {
            self.label = label
            self.apiVersions = apiVersions
            self.errors = errors
            self.warnings = warnings
        }
    }

    public struct Summary: Codable, Hashable, Sendable {
        public var breaking: Int
        public var additive: Int
        public var informational: Int
        /// Changes listed, by kind (`property-removed`: 3).
        public var byKind: [String: Int]
        /// Wording-only changes, all areas together.
        public var wording: Int

        init(changes: [Change], wordingChanges: [WordingCount]) {
            breaking = changes.filter { $0.impact == .breaking }.count
            additive = changes.filter { $0.impact == .additive }.count
            informational = changes.filter { $0.impact == .informational }.count
            byKind = Dictionary(grouping: changes, by: \.kind.rawValue).mapValues(\.count)
            wording = wordingChanges.reduce(0) { $0 + $1.count }
        }
    }
}

/// One change of the API, with what it does to the generated client.
public struct Change: Codable, Hashable, Sendable, Comparable {
    public var kind: ChangeKind
    public var impact: Impact
    public var area: Area
    /// `v1.0`, or `v1.0 → beta` when two different versions are compared.
    public var apiVersion: String
    /// What changed, by its OData names: `POST /deviceManagement/deviceConfigurations/{id}/assignments`,
    /// `deviceConfiguration`, `deviceConfiguration.displayName`, `deviceAndAppManagementAssignmentSource.direct`.
    public var subject: String
    /// The value before and after, as the docs write it (`Int32`, `String collection`, `PATCH`, a scope list);
    /// nil where the side has none.
    public var oldValue: String?
    public var newValue: String?
    /// Where the subject is documented on each side; nil where the side does not have it (an added operation
    /// has no old location). For a member added or removed it is the page of the type that gains or lost it.
    public var oldLocation: SourceLocation?
    public var newLocation: SourceLocation?
    /// Why it is classified as it is, in terms of the generated Swift. Code is in backticks.
    public var reason: String

    public init(
        kind: ChangeKind, impact: Impact, apiVersion: String, subject: String, oldValue: String? = nil, newValue: String? = nil,
        oldLocation: SourceLocation? = nil, newLocation: SourceLocation? = nil, reason: String
    ) {
        self.kind = kind
        self.impact = impact
        self.area = kind.area
        self.apiVersion = apiVersion
        self.subject = subject
        self.oldValue = oldValue
        self.newValue = newValue
        self.oldLocation = oldLocation
        self.newLocation = newLocation
        self.reason = reason
    }

    public static func < (lhs: Change, rhs: Change) -> Bool {
        func key(_ change: Change) -> [String] {
            [String(change.impact.rank), String(change.area.rank), change.apiVersion, change.subject, change.kind.rawValue,
             change.oldValue ?? "", change.newValue ?? "", change.oldLocation?.description ?? "", change.newLocation?.description ?? "", change.reason]
        }
        return key(lhs).lexicographicallyPrecedes(key(rhs))
    }
}

/// What a change does to code written against the generated client of the old state.
public enum Impact: String, Codable, Hashable, Sendable, CaseIterable {
    /// Code that compiled against the old client no longer compiles, a value decodes differently, or a request
    /// the client sends no longer meets what the docs require.
    case breaking
    /// New API: new types, members, operations. Code written against the old client compiles and behaves
    /// as before.
    case additive
    /// The generated Swift declarations stay the same (only their doc comments change): permissions, path
    /// parameter names, documented types that map to the same Swift type, headers the runtime sends anyway.
    case informational

    var rank: Int {
        switch self {
        case .breaking: 0
        case .additive: 1
        case .informational: 2
        }
    }
}

/// The part of the API a change belongs to; reports group by it.
public enum Area: String, Codable, Hashable, Sendable, CaseIterable {
    case operations
    case permissions
    case headers
    case types
    case properties
    case enums

    var rank: Int { Area.allCases.firstIndex(of: self)! }

    public var title: String {
        switch self {
        case .operations: "Operations"
        case .permissions: "Permissions"
        case .headers: "Request headers"
        case .types: "Types"
        case .properties: "Properties"
        case .enums: "Enums"
        }
    }
}

/// Every kind of change docgen diff reports. The raw values are the stable names JSON consumers see.
public enum ChangeKind: String, Codable, Hashable, Sendable, CaseIterable {
    case operationAdded = "operation-added"
    case operationRemoved = "operation-removed"
    case operationMethodChanged = "operation-method-changed"
    case operationPathChanged = "operation-path-changed"
    case operationPathParameterRenamed = "operation-path-parameter-renamed"
    case requestBodyTypeChanged = "request-body-type-changed"
    case responseBodyTypeChanged = "response-body-type-changed"
    case permissionAdded = "permission-added"
    case permissionRemoved = "permission-removed"
    case permissionChanged = "permission-changed"
    case requiredHeaderAdded = "required-header-added"
    case requiredHeaderRemoved = "required-header-removed"
    case typeAdded = "type-added"
    case typeRemoved = "type-removed"
    case typeRenamedCase = "type-renamed-case"
    case baseTypeChanged = "base-type-changed"
    case typeBecamePolymorphic = "type-became-polymorphic"
    case typeNoLongerPolymorphic = "type-no-longer-polymorphic"
    case propertyAdded = "property-added"
    case propertyRemoved = "property-removed"
    case propertyRenamedCase = "property-renamed-case"
    case propertyTypeChanged = "property-type-changed"
    case propertyCollectionChanged = "property-collection-changed"
    case enumAdded = "enum-added"
    case enumRemoved = "enum-removed"
    case enumRenamedCase = "enum-renamed-case"
    case enumMemberAdded = "enum-member-added"
    case enumMemberRemoved = "enum-member-removed"

    public var area: Area {
        switch self {
        case .operationAdded, .operationRemoved, .operationMethodChanged, .operationPathChanged, .operationPathParameterRenamed,
             .requestBodyTypeChanged, .responseBodyTypeChanged:
            .operations
        case .permissionAdded, .permissionRemoved, .permissionChanged: .permissions
        case .requiredHeaderAdded, .requiredHeaderRemoved: .headers
        case .typeAdded, .typeRemoved, .typeRenamedCase, .baseTypeChanged, .typeBecamePolymorphic, .typeNoLongerPolymorphic: .types
        case .propertyAdded, .propertyRemoved, .propertyRenamedCase, .propertyTypeChanged, .propertyCollectionChanged: .properties
        case .enumAdded, .enumRemoved, .enumRenamedCase, .enumMemberAdded, .enumMemberRemoved: .enums
        }
    }

    /// `property removed`: how a report row names the kind.
    public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}

/// Wording-only changes of one area of one API version.
public struct WordingCount: Codable, Hashable, Sendable, Comparable {
    public var apiVersion: String
    public var area: Area
    public var count: Int

    public init(apiVersion: String, area: Area, count: Int) {
        self.apiVersion = apiVersion
        self.area = area
        self.count = count
    }

    public static func < (lhs: WordingCount, rhs: WordingCount) -> Bool {
        (lhs.apiVersion, lhs.area.rank, lhs.count) < (rhs.apiVersion, rhs.area.rank, rhs.count)
    }
}

/// Which changes make `docgen diff` exit with status 1, so that CI can require a label or an approval.
public enum FailurePolicy: String, Codable, Hashable, Sendable, CaseIterable {
    /// Any breaking change (the default).
    case breaking
    /// Any listed change at all; wording-only changes do not count.
    case any
    /// Never: the report is for reading only.
    case none

    public func fails(_ report: DriftReport) -> Bool {
        switch self {
        case .breaking: report.hasBreakingChanges
        case .any: !report.changes.isEmpty
        case .none: false
        }
    }
}
