import DocgenModel
import JSONText
import MarkdownSyntax

extension PageReader {
    /// How example bodies and annotations are read: leniently, no deeper than the options allow.
    var jsonOptions: JSONReader.Options {
        JSONReader.Options(lenient: true, maximumDepth: options.maximumJSONDepth)
    }

    /// One diagnostic for each bound of `MarkdownLimits` the page went beyond, at the place of the cut. Lost
    /// content (the end of the page, table rows) is an error: the generated client may lack what it
    /// described. Reshaped content (a cut line, flattened nesting) is a warning: the text is there, and what
    /// it breaks (a cut JSON body, say) is reported where it breaks.
    mutating func reportLimitsExceeded() {
        for finding in document.limitsExceeded {
            let here = location(line: finding.line, column: finding.column)
            switch finding.kind {
            case .pageSize:
                error(.pageTooLarge, "page is \(finding.found) bytes, over the limit of \(finding.limit) bytes; it is read up to here and the rest is ignored", at: here)
            case .lineLength:
                warn(.lineTooLong, "line is \(finding.found) bytes long, over the limit of \(finding.limit) bytes; the rest of the line from here on is ignored", at: here)
            case .lineMarkers:
                warn(.nestingTooDeep, "line opens \(finding.found) nested block quotes or list items, over the limit of \(finding.limit); the markers from here on are ignored and the text is read at depth \(finding.limit)", at: here)
            case .treeDepth:
                warn(.nestingTooDeep, "blocks or inlines nested more than \(finding.limit) levels deep (\(finding.found) of them, the first here) are read as part of the element that holds them", at: here)
            case .tableRows:
                error(.tableTooManyRows, "table has \(finding.found) rows, over the limit of \(finding.limit); the rows from here on are ignored", at: here)
            }
        }
    }
}
