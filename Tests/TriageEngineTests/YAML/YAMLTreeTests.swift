import Foundation
import Testing
@testable import TriageEngine

/// The one-pass tree builder against Yams' composer (the load it replaces, still used for the files the
/// builder refuses): the same nodes, texts, styles and positions for every file Yams composes, and a refusal
/// (then Yams' own verdict and error text) for every file it does not.
@Suite("YAML tree from libyaml events")
struct YAMLTreeTests {
    /// A node tree as plain values: kind, text, style, line, column and children, in file order.
    indirect enum Shape: Equatable, CustomStringConvertible {
        case scalar(String, YAMLTree.ScalarStyle, Int, Int)
        case mapping([Shape], Int, Int)
        case sequence([Shape], Int, Int)

        init(_ node: YAMLNode) {
            let children = node.kind == .scalar ? [] : node.tree.children(of: node.index).map { Shape(YAMLNode(tree: node.tree, index: $0)) }
            switch node.kind {
            case .scalar: self = .scalar(node.scalar!, node.scalarStyle, node.line, node.column)
            case .mapping: self = .mapping(children, node.line, node.column)
            case .sequence: self = .sequence(children, node.line, node.column)
            }
        }

        var description: String {
            switch self {
            case let .scalar(text, style, line, column): return "\(line):\(column) \(style) \(text.debugDescription)"
            case let .mapping(children, line, column): return "\(line):\(column) {\(children.map(\.description).joined(separator: ", "))}"
            case let .sequence(children, line, column): return "\(line):\(column) [\(children.map(\.description).joined(separator: ", "))]"
            }
        }
    }

    /// What the builder gives: the tree's shape, nil for a file without a document, or "refused".
    static func built(_ file: YAMLFile) -> Result<Shape?, YAMLTreeBuilder.Refused> {
        var builder = YAMLTreeBuilder(file: file)
        do {
            return .success(try builder.build().tree.map { Shape($0.rootNode) })
        } catch let refused as YAMLTreeBuilder.Refused {
            return .failure(refused)
        } catch {
            Issue.record("unexpected \(error)")
            return .failure(YAMLTreeBuilder.Refused())
        }
    }

    /// Checks `text` both ways: when Yams composes it, the builder gives the same tree (or, when `mayRefuse`,
    /// refuses and ``YAMLFile/root()`` gives Yams' tree); when Yams fails, the builder refuses and
    /// ``YAMLFile/root()`` throws Yams' error text.
    static func check(_ text: String, mayRefuse: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = YAMLFile(path: "t.yaml", text: text)
        let reference: Result<Shape, any Error> = Result { Shape(try file.composedRoot()) }
        switch (reference, built(file)) {
        case let (.success(expected), .success(actual)):
            #expect(actual == expected, "\(text.debugDescription)", sourceLocation: sourceLocation)
        case let (.success(expected), .failure):
            #expect(mayRefuse, "refused \(text.debugDescription)", sourceLocation: sourceLocation)
            #expect((try? Shape(file.root())) == expected, sourceLocation: sourceLocation)
        case let (.failure(error), .success(actual)):
            // Only a file without a document composes to nothing, and both give the same error for it.
            #expect(actual == nil && "\(error)".contains("the file is empty"), "\(text.debugDescription): \(error)", sourceLocation: sourceLocation)
        case let (.failure(error), .failure):
            #expect(Result { try file.root() }.errorText == "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: Self.shippedFiles())
    func everyShippedAndFixtureFileGivesYamsTree(path: String) throws {
        let file = try YAMLFile.read(path: path)
        let reference = Shape(try file.composedRoot())
        guard case let .success(shape) = Self.built(file) else {
            Issue.record("the builder refused \(path)")
            return
        }
        #expect(shape == reference)
        // Streaming the scenarios of a suite hands on the items the whole tree holds.
        var items: [Shape] = []
        let (root, count) = try file.streamRoot(listKey: "scenarios") { items.append(Shape($0)) }
        if let count {
            guard case let .mapping(entries, _, _) = reference,
                  let index = stride(from: 0, to: entries.count, by: 2).first(where: { if case .scalar("scenarios", _, _, _) = entries[$0] { true } else { false } }),
                  case let .sequence(list, line, column) = entries[index + 1] else {
                Issue.record("streamed a list \(path) does not have")
                return
            }
            #expect(count == list.count)
            #expect(items == list)
            var rest = entries
            rest[index + 1] = .sequence([], line, column)
            #expect(Shape(root) == .mapping(rest, reference.line, reference.column))
        } else {
            #expect(Shape(root) == reference)
        }
    }

    /// Every `.yaml` file in the repository outside `.build`: rules, prompts, suites, templates and fixtures.
    static func shippedFiles() -> [String] {
        let root = Fixtures.root
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasPrefix(".") { enumerator?.skipDescendants(); continue }
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { files.append(root + "/" + relative) }
        }
        return files.sorted()
    }

    @Test func thereAreShippedFilesToCompare() {
        #expect(Self.shippedFiles().count >= 30)
    }

    @Test(arguments: [
        // anchors and aliases: shared values, the anchor's position, shadowing, aliases as keys
        "a: &x hello\nb: *x\nc: [*x, *x]\n",
        "base: &b {k: 1, l: [2, 3]}\nuse: *b\nlist:\n  - *b\n  - &b other\n  - *b\n",
        "? &k key\n: 1\nother: *k\n",
        "&root {a: 1}\n",
        // flow styles, nesting, empty values, explicit nulls
        "{a: [1, {b: c}], d: {}, e: [], f: , g: ~, h: null}\n",
        "- [a, b, [c, [d]]]\n- {x: {y: {z: w}}}\n-\n- ''\n",
        "a:\nb: \n  \nc: !!null ''\n",
        // block scalars, chomping and indentation indicators
        "a: |\n  line one\n  line two\n\nb: >\n  folded\n  text\n\n  para\nc: |-\n  strip\nd: |+\n  keep\n\ne: >2\n    indented\n",
        // quoted keys and values, escapes, multi-line quoted text
        "\"quoted key\": 'single ''quote'''\n'k2': \"tab\\there \\u00e9 \\x41 \\U0001F642\"\nk3: \"multi\n  line\"\n",
        // comments everywhere
        "# head\na: 1 # trailing\n# between\nb:\n  # inside\n  - x # item\n",
        // unicode: keys, values, columns after multi-byte characters, a BOM-like character inside text
        "ключ: значение\n日本: {語: テスト}\nemoji: \"🙂 a\"\nx: \"\u{FEFF}start\"\ny: mid\u{FEFF}dle\nz: \"\u{FEFF}\u{FEFF}two\"\n\"\u{FEFF}k\": |\n  \u{FEFF}block\n",
        "a: [é, 🙂, ü]\n\"é\": {\"🙂\": x}\n",
        // tags, directives, explicit document markers
        "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n--- !!map\na: !!str 1\nb: !e!thing x\nc: !local [1]\n...\n",
        "--- plain root\n",
        "---\n- only\n...\n",
        "--- |\n  literal root\n",
        // CRLF line breaks and tabs inside text
        "a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\n",
        "a: \"tab\tinside\"\nb: plain\twith tab\n",
        // long keys (explicit ? form), complex values, deep but legal nesting
        "? |\n  block key\n: value\n",
        String(repeating: "- ", count: 60) + "deep\n",
        "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nl: 12\nm: 13\nn: 14\no: 15\n",
        // NUL and other escapes decoded inside double quotes
        "a: \"nul\\0byte\"\nb: \"bell\\a\"\n",
        // nothing but comments, blank
        "# only a comment\n",
        "",
    ])
    func generatedYAMLGivesYamsTree(text: String) {
        Self.check(text)
    }

    @Test(arguments: [
        // keys with the same text: Yams tells them apart by resolved tag, so the builder leaves them to it
        "1: a\n\"1\": b\n",
        "a: 1\na: 2\n",
        "x: 1\n'x': 2\n",
        "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nl: 12\nm: 13\na: 14\n",
        "? [a, b]\n: c\n",
        "? {a: b}\n: c\n",
        "base: &b [1]\n*b : x\n",
        // a byte order mark: libyaml counts it only when told the encoding
        "\u{FEFF}a: 1\n",
    ])
    func keysOnlyYamsCanJudgeAreLeftToIt(text: String) {
        Self.check(text, mayRefuse: true)
    }

    @Test(arguments: [
        "a: [1, 2\n",
        "a: b: c\n",
        "a: *undefined\n",
        "a: &x [*x]\n",
        "---\na: 1\n---\nb: 2\n",
        "a: 'unterminated\n",
        "\tkey: tab indentation\n",
        "a: \u{07}bell\n",
        "a: |\n  ok\n b: bad\n",
        "- a\nb: c\n",
        "a: @reserved\n",
        "!<tag:x> &a *b\n",
    ])
    func filesYamsRejectsAreRefusedWithYamsErrorText(text: String) {
        Self.check(text)
    }

    @Test func aliasBombsAndDepthAreRefusedWithTheLimitErrors() {
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        Self.check(bomb)
        #expect(Result { try YAMLFile(path: "t.yaml", text: bomb).root() }.errorText == """
            t.yaml:4:45: error: alias *a2 expands the file past 10000 nodes; aliases may repeat a value, not multiply the file (nested aliases grow exponentially)
            a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
                                                        ^
            """)
        let deep = String(repeating: "- ", count: 70) + "x\n"
        Self.check(deep)
        #expect(Result { try YAMLFile(path: "t.yaml", text: deep).root() }.errorText.hasPrefix("t.yaml:1:129: error: the file nests deeper than 64 levels"))
    }

    @Test func streamingRefusesAliasesAcrossItemsAndHandsEachItemItsOwnTree() throws {
        let across = YAMLFile(path: "t.yaml", text: "list:\n  - &a x\n  - *a\n")
        #expect(throws: YAMLTreeBuilder.Refused.self) { try across.streamRoot(listKey: "list") { _ in } }
        let header = YAMLFile(path: "t.yaml", text: "h: &a x\nlist:\n  - *a\n")
        #expect(throws: YAMLTreeBuilder.Refused.self) { try header.streamRoot(listKey: "list") { _ in } }
        let file = YAMLFile(path: "t.yaml", text: "before: 1\nlist:\n  - {a: &v 1, b: *v}\n  - [2]\nafter: 3\n")
        var items: [YAMLNode] = []
        var shapes: [Shape] = []
        let (root, count) = try file.streamRoot(listKey: "list") { item in
            items.append(item)
            shapes.append(Shape(item))
        }
        #expect(count == 2)
        #expect(items.count == 2 && items[0].tree !== items[1].tree && items[0].tree !== root.tree)
        #expect(shapes == [.mapping([.scalar("a", .plain, 3, 6), .scalar("1", .plain, 3, 9), .scalar("b", .plain, 3, 15), .scalar("1", .plain, 3, 9)], 3, 5),
                           .sequence([.scalar("2", .plain, 4, 6)], 4, 5)])
        #expect(Shape(root) == .mapping([.scalar("before", .plain, 1, 1), .scalar("1", .plain, 1, 9), .scalar("list", .plain, 2, 1), .sequence([], 3, 3),
                                         .scalar("after", .plain, 5, 1), .scalar("3", .plain, 5, 8)], 1, 1))
    }

    @Test func anErrorFromTheItemHandlerStopsTheStream() {
        struct Stop: Error {}
        let file = YAMLFile(path: "t.yaml", text: "list: [a, b, c]\n")
        var seen = 0
        #expect(throws: Stop.self) {
            try file.streamRoot(listKey: "list") { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }
}

extension YAMLTreeTests.Shape {
    var line: Int {
        switch self {
        case let .scalar(_, _, line, _), let .mapping(_, line, _), let .sequence(_, line, _): return line
        }
    }

    var column: Int {
        switch self {
        case let .scalar(_, _, _, column), let .mapping(_, _, column), let .sequence(_, _, column): return column
        }
    }
}

extension Result {
    /// The error's text, or "no error".
    var errorText: String {
        switch self {
        case .success: return "no error"
        case let .failure(error): return "\(error)"
        }
    }
}
