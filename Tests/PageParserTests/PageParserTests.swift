import APIModel
import PageParser
import Testing
