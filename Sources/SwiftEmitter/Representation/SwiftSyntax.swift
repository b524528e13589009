/// A small structured representation of the Swift that docgen writes. The emitter builds these values;
/// `SwiftPrinter` alone turns them into text, so escaping of names, literals and comments happens in one
/// place and page text can never become code: names are `SwiftName`s (made only by `SwiftNaming`), text from
/// pages only ever enters as string literals or doc comments, both escaped by the printer.

/// A Swift identifier that is valid as written or with backticks; the printer adds backticks where needed.
public struct SwiftName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let text: String
    /// Only `SwiftNaming` creates names from page text; this initializer checks the invariant.
    init(verified text: String) {
        precondition(SwiftNaming.isValidIdentifier(text), "not a Swift identifier: \(text)")
        self.text = text
    }

    public var description: String { text }
    public static func < (lhs: SwiftName, rhs: SwiftName) -> Bool { lhs.text < rhs.text }
}

/// A type as written in a declaration.
public indirect enum SwiftType: Hashable, Sendable {
    /// A type of the standard library or a module: `Swift.String`, `GraphRuntime.JSONValue`.
    case qualified(module: String, name: String)
    /// A type generated into the same module.
    case local(SwiftName)
    case optional(SwiftType)
    case array(SwiftType)
    case dictionary(key: SwiftType, value: SwiftType)
    /// `GraphRuntime.CollectionPage<Element>`.
    case generic(module: String, name: String, arguments: [SwiftType])
    /// `any Swift.Decoder`.
    case existential(SwiftType)

    public static let string = SwiftType.qualified(module: "Swift", name: "String")
    public static let bool = SwiftType.qualified(module: "Swift", name: "Bool")
    public static let int = SwiftType.qualified(module: "Swift", name: "Int")
    public static let data = SwiftType.qualified(module: "Foundation", name: "Data")
}

/// Expressions: only the forms the generated client needs.
public indirect enum SwiftExpression: Hashable, Sendable {
    case name(SwiftName)
    /// `self`
    case selfReference
    /// `base.member`
    case member(SwiftExpression, SwiftName)
    /// `.member` (implicit member)
    case implicitMember(SwiftName)
    /// `Type.self`
    case metatype(SwiftType)
    /// A type used as a value or callee: `Swift.Set`, `Foo` in `Foo(from: decoder)`.
    case type(SwiftType)
    case stringLiteral(String)
    case integerLiteral(Int)
    case booleanLiteral(Bool)
    case nilLiteral
    case arrayLiteral([SwiftExpression])
    case dictionaryLiteral([SwiftExpression: SwiftExpression])
    /// `callee(label: value, ...)`, with an optional trailing closure.
    case call(SwiftExpression, [SwiftArgument], trailingClosure: SwiftClosure? = nil)
    /// `base[index]`
    case subscriptAccess(SwiftExpression, SwiftExpression)
    /// `&name`, an in-out argument.
    case `inout`(SwiftName)
    /// `base.init`, to delegate to another initializer: `self.init(jsonObject: members)`.
    case initializerReference(SwiftExpression)
    /// `base[label: value, ...]`
    case subscriptCall(SwiftExpression, [SwiftArgument])
    case tryExpression(SwiftExpression)
    case awaitExpression(SwiftExpression)
    /// `lhs + rhs` and the like.
    case binary(SwiftExpression, SwiftOperator, SwiftExpression)
    /// `condition ? a : b`
    case ternary(SwiftExpression, SwiftExpression, SwiftExpression)
    /// `_`, the discard pattern in `_ = value`.
    case discard
}

public enum SwiftOperator: String, Hashable, Sendable {
    case plus = "+"
    case equal = "=="
}

public struct SwiftArgument: Hashable, Sendable {
    public var label: SwiftName?
    public var value: SwiftExpression
    public init(_ label: SwiftName?, _ value: SwiftExpression) {
        self.label = label
        self.value = value
    }
}

public struct SwiftClosure: Hashable, Sendable {
    public var parameters: [SwiftName]
    public var body: [SwiftStatement]
    public init(parameters: [SwiftName], body: [SwiftStatement]) {
        self.parameters = parameters
        self.body = body
    }
}

public indirect enum SwiftStatement: Hashable, Sendable {
    case expression(SwiftExpression)
    case constant(SwiftName, SwiftExpression)
    case variable(SwiftName, SwiftExpression)
    case assignment(SwiftExpression, SwiftExpression)
    case returnStatement(SwiftExpression?)
    case throwStatement(SwiftExpression)
    case switchStatement(SwiftExpression, [SwiftSwitchCase])
}

public struct SwiftSwitchCase: Hashable, Sendable {
    public enum Pattern: Hashable, Sendable {
        /// `case "literal":`
        case stringLiteral(String)
        /// `case .name:`
        case enumCase(SwiftName)
        /// `case .name(let binding):`
        case enumCaseBinding(SwiftName, SwiftName)
        /// `default:`
        case defaultCase
    }

    public var pattern: Pattern
    public var body: [SwiftStatement]
    public init(_ pattern: Pattern, _ body: [SwiftStatement]) {
        self.pattern = pattern
        self.body = body
    }
}

/// Declarations.
public indirect enum SwiftDeclaration: Hashable, Sendable {
    case structure(SwiftStruct)
    case enumeration(SwiftEnum)
    case property(SwiftProperty)
    case function(SwiftFunction)
    case initializer(SwiftInitializer)
    case subscriptDeclaration(SwiftSubscript)
    case enumCase(SwiftEnumCase)
}

public struct SwiftStruct: Hashable, Sendable {
    public var documentation: [String]
    public var name: SwiftName
    public var conformances: [SwiftType]
    public var members: [SwiftDeclaration]
}

public struct SwiftEnum: Hashable, Sendable {
    public var documentation: [String]
    public var name: SwiftName
    public var isIndirect: Bool
    /// `Swift.String` for a raw-value enum such as CodingKeys.
    public var rawType: SwiftType?
    public var conformances: [SwiftType]
    public var members: [SwiftDeclaration]
}

public struct SwiftProperty: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `public var name: Type`
        case stored(isConstant: Bool)
        /// `public static let name: Type = value`
        case staticConstant(SwiftExpression)
        /// `public var name: Type { body }`
        case computed([SwiftStatement])
        /// `public static var name: Type { body }`
        case staticComputed([SwiftStatement])
        /// `public var name: Type { get { getter } set { setter } }`
        case accessors(get: [SwiftStatement], set: [SwiftStatement])
    }

    public var documentation: [String]
    public var name: SwiftName
    public var type: SwiftType
    public var kind: Kind
}

public struct SwiftParameter: Hashable, Sendable {
    /// nil: no label (`_`); equal to `name`: the usual single name.
    public var label: SwiftName?
    public var name: SwiftName
    public var type: SwiftType
    public var defaultValue: SwiftExpression?

    public init(label: SwiftName?, name: SwiftName, type: SwiftType, defaultValue: SwiftExpression? = nil) {
        self.label = label
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

public struct SwiftFunction: Hashable, Sendable {
    public var documentation: [String]
    public var isStatic: Bool
    public var name: SwiftName
    public var parameters: [SwiftParameter]
    public var isAsync: Bool
    public var isThrowing: Bool
    public var returnType: SwiftType?
    public var body: [SwiftStatement]
}

public struct SwiftInitializer: Hashable, Sendable {
    public var documentation: [String]
    public var parameters: [SwiftParameter]
    public var isThrowing: Bool
    public var body: [SwiftStatement]
}

public struct SwiftSubscript: Hashable, Sendable {
    public var documentation: [String]
    public var parameters: [SwiftParameter]
    public var returnType: SwiftType
    public var body: [SwiftStatement]
}

public struct SwiftEnumCase: Hashable, Sendable {
    public var documentation: [String]
    public var name: SwiftName
    /// `case name = "raw"`
    public var rawValue: String?
    /// `case name(Type)`
    public var associatedValue: SwiftType?
}

/// One generated file: a header, imports and exactly one top-level declaration.
public struct SwiftFile: Hashable, Sendable {
    /// Relative to the output folder, `/`-separated: `GraphV1/Types/DeviceConfigurationAssignment.swift`.
    public var path: String
    public var imports: [String]
    public var declaration: SwiftDeclaration
    /// The access level the printer gives every declaration of the file.
    public var accessModifier: EmitterOptions.AccessModifier = .public
}
