import DocgenModel
import PageParser
import Testing
