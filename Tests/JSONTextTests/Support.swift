import DocgenModel
import JSONText
import Testing

func readLenient(_ text: String) -> JSONReadResult {
    JSONReader.read(text, options: JSONReader.Options(lenient: true))
}

func readStrict(_ text: String) -> JSONReadResult {
    JSONReader.read(text)
}

/// Issues as "kind@line:column" (with "!" for fatal), for compact expectations.
func spots(_ issues: [JSONIssue]) -> [String] {
    issues.map { "\($0.kind.rawValue)@\($0.line):\($0.column)\($0.isFatal ? "!" : "")" }
}

func spot(_ issue: JSONIssue?) -> String? {
    issue.map { spots([$0])[0] }
}

func object(_ members: (String, JSONValue)...) -> JSONValue {
    .object(members.map { JSONMember(key: $0.0, value: $0.1) })
}

func number(_ literal: String) -> JSONValue { .number(literal) }
