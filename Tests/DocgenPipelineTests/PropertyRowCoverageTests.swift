import DocgenModel
import DocgenPipeline
import Foundation
import Testing

/// Counts the rows of the tables that document properties on type pages straight from the page text, with
/// none of docgen's parser: a line scanner that knows headings, code fences and pipe tables. A table
/// documents properties when its header has a name column (`Property`, `Property name`, `Name`,
/// `Relationship`, `Relationship name`, any case and emphasis) and a type column (`Type`, `Data type`), and a
/// heading above it speaks of properties or relationships. A row counts when it has at least two cells and
/// a name.
enum PropertyRowCounter {
    struct Row: Hashable {
        var path: String
        var line: Int
        var name: String
    }

    static let nameColumns: Set<String> = ["property", "properties", "property name", "name", "relationship", "relationships", "relationship name"]
    static let typeColumns: Set<String> = ["type", "data type"]

    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var current = ""
        var previous: Character = " "
        for character in line {
            if character == "|", previous != "\\" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        cells.append(current)
        let trimmedCells = cells.map { $0.trimmingCharacters(in: .whitespaces) }
        var result = trimmedCells[...]
        if result.count > 1, result.first == "" { result = result.dropFirst() }
        if result.count > 1, result.last == "" { result = result.dropLast() }
        return Array(result)
    }

    static func normalizedHeader(_ cell: String) -> String {
        cell.filter { !"*_`".contains($0) }.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func isDelimiter(_ line: Substring) -> Bool {
        line.contains("|") && line.contains("-") && line.allSatisfy { "|-: \t".contains($0) }
    }

    static func rows(path: String, text: String) -> [Row] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var headings: [(level: Int, text: String)] = []
        var fence: String?
        var rows: [Row] = []
        var index = 0
        while index < lines.count {
            let line = lines[index].drop { $0 == " " }
            if let open = fence {
                if line.hasPrefix(open) { fence = nil }
                index += 1
                continue
            }
            // An HTML comment hides what it holds (commented-out tables are not rendered).
            if line.hasPrefix("<!--"), !line.contains("-->") {
                while index < lines.count, !lines[index].contains("-->") { index += 1 }
                index += 1
                continue
            }
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                fence = String(line.prefix(3))
                index += 1
                continue
            }
            if line.hasPrefix("#") {
                let level = line.prefix { $0 == "#" }.count
                headings.removeAll { $0.level >= level }
                headings.append((level, line.dropFirst(level).trimmingCharacters(in: .whitespaces).lowercased()))
                index += 1
                continue
            }
            if line.contains("|"), index + 1 < lines.count, isDelimiter(lines[index + 1].drop { $0 == " " }) {
                let header = cells(line).map(normalizedHeader)
                let underPropertyHeading = headings.contains { heading in
                    heading.text.split { !$0.isLetter }.contains { ["properties", "property", "relationships", "relationship"].contains($0) }
                }
                let nameColumn = header.firstIndex { nameColumns.contains($0) }
                let isPropertyTable = underPropertyHeading && nameColumn != nil && header.contains { typeColumns.contains($0) }
                index += 2
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty,
                      !lines[index].drop(while: { $0 == " " }).hasPrefix("#") {
                    if isPropertyTable, let nameColumn {
                        let rowCells = cells(lines[index].drop { $0 == " " })
                        if rowCells.count >= 2, nameColumn < rowCells.count, !normalizedHeader(rowCells[nameColumn]).isEmpty {
                            rows.append(Row(path: path, line: index + 1, name: rowCells[nameColumn]))
                        }
                    }
                    index += 1
                }
                continue
            }
            index += 1
        }
        return rows
    }
}

@Suite("Every property row of the reference is read or reported",
       .enabled(if: Corpus.folder != nil, "set DOCGEN_CORPUS to a folder of Graph reference pages to run"))
struct PropertyRowCoverageTests {
    @Test("every row of a table that documents properties on a type page is in the model or named by a diagnostic",
          .timeLimit(.minutes(10)))
    func everyRowAccountedFor() throws {
        let corpus = try #require(Corpus.folder)
        let pages = Dictionary(CorpusTests.pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var counted = 0, inModel = 0, reported = 0
        var missing: [PropertyRowCounter.Row] = []
        for (path, page) in pages.sorted(by: { $0.key < $1.key }) where path.contains("/resources/") {
            let text = try String(contentsOf: corpus.appendingPathComponent(path), encoding: .utf8)
            let rows = PropertyRowCounter.rows(path: path, text: text)
            guard !rows.isEmpty else { continue }
            let modelLines = Set(page.types.flatMap(\.properties).map(\.location.line))
            let diagnosticLines = Set(page.diagnostics.map(\.location.line))
            for row in rows {
                counted += 1
                if modelLines.contains(row.line) { inModel += 1 } else if diagnosticLines.contains(row.line) { reported += 1 } else { missing.append(row) }
            }
        }
        print("property rows on type pages: \(counted) counted, \(inModel) in the model, \(reported) named by a diagnostic, \(missing.count) neither")
        #expect(counted > 19_000, "the counter found \(counted) rows")
        #expect(missing.isEmpty, "rows neither in the model nor reported: \(missing.prefix(20).map { "\($0.path):\($0.line) \($0.name)" })")
    }
}

@Suite("The independent counter of property rows")
struct PropertyRowCounterTests {
    @Test("the independent counter counts what it should")
    func counterCounts() {
        let page = """
        # x resource type
        ## Properties
        | **Property name** | Data type | Description |
        |:--|:--|:--|
        | a | String | first |
        |**Group**|
        | b | Int32 | second |

        ```json
        | c | String | in a fence |
        ```
        <!--
        | e | String | in a comment |
        -->
        ### Relationships
        |Relationship|Type|Description|
        |---|---|---|
        |d|[y](y.md)|nav|
        ## Methods
        |Method|Return type|Description|
        |---|---|---|
        |[Get](get.md)|x|not a property|
        """
        #expect(PropertyRowCounter.rows(path: "p.md", text: page).map(\.line) == [5, 7, 18])
    }
}
