import Testing
@testable import MarkdownSyntax

@Suite("GFM pipe tables on top of cmark paragraphs")
struct PipeTableTests {
    func table(_ text: String) throws -> MarkdownTable {
        let document = MarkdownParser.parse(text)
        let node = try #require(document.root.descendants.first { $0.kind == .table })
        return try #require(node.table)
    }

    @Test("header, alignments and body rows are recognised")
    func basicTable() throws {
        let table = try self.table("|Property|Type|Description|\n|:---|---:|:-:|\n|id|String|The key.|\n")
        #expect(table.header.cells.map(\.plainText) == ["Property", "Type", "Description"])
        #expect(table.alignments == [.left, .right, .center])
        #expect(table.rows.count == 1)
        #expect(table.rows[0].cells.map(\.plainText) == ["id", "String", "The key."])
        #expect(table.rows[0].line == 3)
    }

    @Test("a cell keeps its link as a link")
    func linkInCell() throws {
        let table = try self.table("|Property|Type|\n|:---|:---|\n|target|[deviceAndAppManagementAssignmentTarget](../resources/x.md) collection|\n")
        let cell = table.rows[0].cells[1]
        #expect(cell.links.count == 1)
        #expect(cell.links[0].destination == "../resources/x.md")
        #expect(cell.links[0].plainText == "deviceAndAppManagementAssignmentTarget")
        #expect(cell.plainText == "deviceAndAppManagementAssignmentTarget collection")
    }

    @Test("an escaped pipe is content, not a delimiter")
    func escapedPipe() throws {
        let table = try self.table("|A|B|\n|---|---|\n|a\\|b|c|\n")
        #expect(table.rows[0].cells.map(\.plainText) == ["a|b", "c"])
    }

    @Test("a pipe inside a code span is content")
    func pipeInCodeSpan() throws {
        let table = try self.table("|A|B|\n|---|---|\n|`{id | userPrincipalName}`|c|\n")
        #expect(table.rows[0].cells.map(\.plainText) == ["{id | userPrincipalName}", "c"])
    }

    @Test("a pipe written as an entity is content")
    func pipeEntity() throws {
        let table = try self.table("|A|B|\n|---|---|\n|x &#124; y|c|\n")
        #expect(table.rows[0].cells.map(\.plainText) == ["x | y", "c"])
    }

    @Test("rows keep the cells they have: fewer or more than the header")
    func rowWidths() throws {
        let table = try self.table("|A|B|C|\n|---|---|---|\n|only|\n|1|2|3|4|\n")
        #expect(table.rows[0].cells.map(\.plainText) == ["only"])
        #expect(table.rows[1].cells.map(\.plainText) == ["1", "2", "3", "4"])
    }

    @Test("empty cells in the middle and at the end are kept")
    func emptyCells() throws {
        let table = try self.table("|A|B|C|\n|---|---|---|\n|a||c|\n|a|b||\n")
        #expect(table.rows[0].cells.map(\.plainText) == ["a", "", "c"])
        #expect(table.rows[1].cells.map(\.plainText) == ["a", "b", ""])
    }

    @Test("tables without outer pipes are recognised")
    func noOuterPipes() throws {
        let table = try self.table("A | B\n--- | ---\na | b\n")
        #expect(table.header.cells.map(\.plainText) == ["A", "B"])
        #expect(table.rows[0].cells.map(\.plainText) == ["a", "b"])
    }

    @Test("lines before the header stay a paragraph")
    func leadingParagraph() throws {
        let document = MarkdownParser.parse("Some text\n|A|B|\n|---|---|\n|a|b|\n")
        #expect(document.blocks.map(\.kind) == [.paragraph, .table])
        #expect(document.blocks[0].plainText == "Some text")
        #expect(document.blocks[1].range.startLine == 2)
    }

    @Test("a <br> in a cell becomes a line break in its text and entities are decoded")
    func breaksAndEntities() throws {
        let table = try self.table("|H|V|\n|---|---|\n|Authorization|Bearer &lt;token&gt;<br>Required.|\n")
        #expect(table.rows[0].cells[1].plainText == "Bearer <token>\nRequired.")
    }

    @Test("cells know their column")
    func cellColumns() throws {
        let table = try self.table("|id|String| The key.|\n|---|---|---|\n|x|y|z|\n")
        #expect(table.header.cells.map(\.column) == [2, 5, 13])
    }

    @Test("an unmatched backtick stays in its cell: the rows after it keep their cells and their lines")
    func unmatchedBacktick() throws {
        let table = try self.table("|Property|Type|Description|\n|:---|:---|:---|\n|a|Boolean|the `>console> user.|\n|b|String|text `code` here|\n|c|Int32|last|\n")
        #expect(table.rows.map(\.line) == [3, 4, 5])
        #expect(table.rows.map { $0.cells.map(\.plainText) } == [
            ["a", "Boolean", "the `>console> user."], ["b", "String", "text code here"], ["c", "Int32", "last"],
        ])
        #expect(table.rows[1].cells[2].inlines.contains { $0.kind == .code && $0.literal == "code" })
        #expect(table.rows[2].cells.map(\.column) == [2, 4, 10])
    }

    @Test("a backtick in one cell that would pair with one in another cell does not merge the cells")
    func backtickPairsAcrossCells() throws {
        let table = try self.table("|A|B|C|\n|---|---|---|\n|`x|Boolean|see `y`|\n")
        #expect(table.rows[0].cells.map(\.plainText) == ["`x", "Boolean", "see y"])
    }

    @Test("cells are inline content: a cell that starts like a heading, list item or quote is text")
    func blockMarkersInCells() throws {
        let table = try self.table("|A|B|C|\n|---|---|---|\n|# x|- y|> z|\n|1. one|*em* _em_|[link](a.md)|\n")
        #expect(table.rows[0].cells.map(\.plainText) == ["# x", "- y", "> z"])
        #expect(table.rows[1].cells[1].inlines.map(\.kind) == [.emphasis, .text, .emphasis])
        #expect(table.rows[1].cells[2].links.first?.destination == "a.md")
        #expect(table.rows[1].cells[2].links.first?.range.startColumn == 19)
    }

    @Test("a reference link in a cell resolves against the page's definitions")
    func referenceLinkInCell() throws {
        let table = try self.table("|A|B|\n|---|---|\n|r|Collection([driveRecipient][])|\n\n[driveRecipient]: driverecipient.md\n")
        #expect(table.rows[0].cells[1].links.first?.destination == "driverecipient.md")
        #expect(table.rows[0].cells[1].plainText == "Collection(driveRecipient)")
    }

    @Test("an escaped pipe inside a code span is a pipe, as GFM has it")
    func escapedPipeInCode() throws {
        let table = try self.table("|A|B|\n|---|---|\n|`a\\|b`|c|\n")
        #expect(table.rows[0].cells.map(\.plainText) == ["a|b", "c"])
    }

    @Test("a table in a block quote is read without the quote markers")
    func tableInQuote() throws {
        let table = try self.table("> |A|B|\n> |---|---|\n> |a|b|\n")
        #expect(table.header.cells.map(\.plainText) == ["A", "B"])
        #expect(table.rows[0].cells.map(\.plainText) == ["a", "b"])
        #expect(table.rows[0].cells.map(\.column) == [4, 6])
    }

    @Test("a paragraph without a delimiter row is not a table")
    func notATable() {
        let document = MarkdownParser.parse("a | b\nc | d\n")
        #expect(document.blocks.map(\.kind) == [.paragraph])
    }
}
