import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a CSDL document (EDMX XML) with Foundation's `XMLParser`. Bad or hostile XML never hangs or crashes
/// the reader: documents larger than `maximumBytes` are refused before parsing, a document type declaration
/// (the only way to declare entities, so also the way to an entity bomb or an external entity) is refused,
/// external entities are never resolved, elements nested deeper than `maximumDepth` stop the parse, and
/// every XML error comes back as a `CSDLReadError` with its line and column.
public enum CSDLReader {
    public static let maximumBytes = 256 * 1024 * 1024
    public static let maximumDepth = 64

    public struct CSDLReadError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var line: Int
        public var column: Int

        public init(message: String, line: Int, column: Int) {
            self.message = message
            self.line = line
            self.column = column
        }

        public var description: String { message }
    }

    public static func read(_ data: Data) -> Result<CSDLDocument, CSDLReadError> {
        guard data.count <= maximumBytes else {
            return .failure(CSDLReadError(message: "metadata of \(data.count) bytes is larger than the limit of \(maximumBytes)", line: 1, column: 1))
        }
        if let offset = firstDoctype(in: data) {
            let line = data.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return .failure(CSDLReadError(message: "metadata has a document type declaration (<!DOCTYPE); CSDL needs none and it is not read", line: line, column: 1))
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let delegate = Delegate()
        parser.delegate = delegate
        let finished = parser.parse()
        if let failure = delegate.failure { return .failure(failure) }
        if !finished || parser.parserError != nil {
            let message = "metadata is not well-formed XML" + (parser.parserError.map { ": " + describe($0) } ?? "")
            return .failure(CSDLReadError(message: message, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1)))
        }
        guard delegate.openElements.isEmpty else {
            return .failure(CSDLReadError(message: "metadata is not well-formed XML: element '\(delegate.openElements.last!)' is not closed",
                                          line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1)))
        }
        guard delegate.sawEdmx else {
            return .failure(CSDLReadError(message: "metadata has no edmx:Edmx root element", line: 1, column: 1))
        }
        guard !delegate.schemas.isEmpty else {
            return .failure(CSDLReadError(message: "metadata has no Schema element", line: 1, column: 1))
        }
        return .success(CSDLDocument(schemas: delegate.schemas))
    }

    /// XMLParser's error: its localized description is only a domain and a number, so the number alone
    /// (the line and column say where).
    private static func describe(_ error: Error) -> String {
        "XMLParser error \((error as NSError).code)"
    }

    /// The byte offset of `<!DOCTYPE`, if the document has one.
    private static func firstDoctype(in data: Data) -> Int? {
        let needle = Array("<!DOCTYPE".utf8)
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int? in
            let bytes = buffer.bindMemory(to: UInt8.self)
            guard bytes.count >= needle.count else { return nil }
            var offset = 0
            while offset + needle.count <= bytes.count {
                if bytes[offset] == needle[0] {
                    var matches = true
                    for index in 1..<needle.count where bytes[offset + index] != needle[index] {
                        matches = false
                        break
                    }
                    if matches { return offset }
                }
                offset += 1
            }
            return nil
        }
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var schemas: [CSDLSchema] = []
        var sawEdmx = false
        var failure: CSDLReadError?
        private var depth = 0
        /// The names of the elements open at this point of the parse.
        var openElements: [String] = []
        private var structured: CSDLStructuredType?
        private var enumeration: CSDLEnumType?
        private var operation: CSDLOperation?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            if depth > CSDLReader.maximumDepth {
                fail(parser, "metadata nests elements deeper than \(CSDLReader.maximumDepth)")
                return
            }
            openElements.append(elementName)
            let line = parser.lineNumber
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            switch local {
            case "Edmx": sawEdmx = true
            case "Schema":
                guard let namespace = attributes["Namespace"] else { return fail(parser, "Schema without a Namespace") }
                schemas.append(CSDLSchema(namespace: namespace, alias: attributes["Alias"]))
            case "EntityType", "ComplexType":
                guard let name = attributes["Name"] else { return fail(parser, "\(local) without a Name") }
                structured = CSDLStructuredType(
                    kind: local == "EntityType" ? .entity : .complex, name: name, baseType: attributes["BaseType"],
                    isAbstract: attributes["Abstract"] == "true", isOpenType: attributes["OpenType"] == "true", line: line)
            case "Property", "NavigationProperty":
                guard structured != nil else { return }
                guard let name = attributes["Name"], let type = attributes["Type"] else {
                    return fail(parser, "\(local) without a Name or Type")
                }
                structured?.properties.append(CSDLProperty(name: name, type: type, isNavigation: local == "NavigationProperty", line: line))
            case "EnumType":
                guard let name = attributes["Name"] else { return fail(parser, "EnumType without a Name") }
                enumeration = CSDLEnumType(name: name, isFlags: attributes["IsFlags"] == "true", line: line)
            case "Member":
                guard enumeration != nil else { return }
                guard let name = attributes["Name"] else { return fail(parser, "Member without a Name") }
                enumeration?.members.append(CSDLEnumMember(name: name, value: attributes["Value"], line: line))
            case "Action", "Function":
                guard let name = attributes["Name"] else { return fail(parser, "\(local) without a Name") }
                operation = CSDLOperation(kind: local == "Action" ? .action : .function, name: name,
                                          isBound: attributes["IsBound"] == "true", line: line)
            case "Parameter":
                guard operation != nil else { return }
                guard let name = attributes["Name"], let type = attributes["Type"] else {
                    return fail(parser, "Parameter without a Name or Type")
                }
                operation?.parameters.append(CSDLParameter(name: name, type: type, line: line))
            case "ReturnType":
                operation?.returnType = attributes["Type"]
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            if openElements.last == elementName {
                openElements.removeLast()
            } else {
                fail(parser, "metadata is not well-formed XML: '</\(elementName)>' closes '\(openElements.last ?? "nothing")'")
                return
            }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            guard !schemas.isEmpty else { return }
            switch local {
            case "EntityType", "ComplexType":
                if let structured { schemas[schemas.count - 1].structuredTypes.append(structured) }
                structured = nil
            case "EnumType":
                if let enumeration { schemas[schemas.count - 1].enumTypes.append(enumeration) }
                enumeration = nil
            case "Action", "Function":
                if let operation { schemas[schemas.count - 1].operations.append(operation) }
                operation = nil
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            fail(parser, "metadata declares an entity ('\(name)'); it is not read")
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            fail(parser, "metadata declares an external entity ('\(name)'); it is not read")
        }

        private func fail(_ parser: XMLParser, _ message: String) {
            if failure == nil {
                failure = CSDLReadError(message: message, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1))
            }
            parser.abortParsing()
        }
    }
}
