import CYaml

/// Builds a ``YAMLTree`` from libyaml's events in one pass over a file, checking the alias and depth limits
/// in the same pass (``YAMLLimitTracker``), and optionally streaming the items of one top-level list.
///
/// The builder is exact only for files Yams composes without error: the tree has the strings, styles,
/// positions and shared alias targets Yams' composer gives. On anything it is not sure of (a syntax error, a
/// broken limit, an undefined alias, two mapping keys with the same text, a key that is not a scalar, a second
/// document) it stops with ``Refused``, and the caller loads the file the way it always was, so every error
/// text is that load's by construction.
struct YAMLTreeBuilder {
    /// The builder gave up on the file; the caller decides it another way.
    struct Refused: Error {}

    /// Growing node storage: the document's, or the current streamed item's.
    private struct Arena {
        var records: [YAMLTree.Record] = []
        var strings: [String] = []
        var children: [Int32] = []
    }

    /// A container whose end event has not come yet.
    private struct Open {
        var kind: YAMLTree.Kind
        var line: Int32
        var column: Int32
        var anchor: String?
        /// Where its children start in ``pending``.
        var pendingStart: Int
        /// Whether it is the streamed list (its items go to the handler, not into the tree).
        var streamed: Bool
    }

    /// The result of a build: the document's tree (nil for a file without a document) and how many items of
    /// the streamed list were handed on (nil when no list was streamed).
    struct Result {
        var tree: YAMLTree?
        var streamedItems: Int?
    }

    private let file: YAMLFile
    /// The root mapping key whose block or flow list is streamed, or nil to build the whole tree.
    private let streamKey: String?
    private var document = Arena()
    private var item = Arena()
    private var inItem = false
    /// The anchor scope: 0 for the document, then one per streamed item (an alias may not reach across).
    private var generation = 0
    private var anchors: [String: (generation: Int, index: Int32)] = [:]
    private var open: [Open] = []
    private var pending: [Int32] = []
    private var limits = YAMLLimitTracker()
    private var root: Int32?
    private var streamedItems: Int?
    /// Items of the streamed list handed on so far.
    private var handedOn = 0

    /// A builder for `file`, streaming the list under the root mapping's `streamKey` when given.
    init(file: YAMLFile, streamKey: String? = nil) {
        self.file = file
        self.streamKey = streamKey
    }

    /// Parses the whole file, handing each streamed item to `item` as soon as it ends (with a tree of its own,
    /// dropped afterwards unless the handler keeps it).
    /// - Throws: ``Refused``, or what `item` throws.
    mutating func build(item handle: (YAMLNode) throws -> Void = { _ in }) throws -> Result {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw Refused() }
        defer { yaml_parser_delete(&parser) }
        // As Yams sets it: a given encoding keeps libyaml's marks those of Yams' nodes.
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var contents = file.text  // read in place: a copy of a large file's bytes would double its memory
        try contents.withUTF8 { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { throw Refused() }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return }
                try handleEvent(&event, handle)
            }
        }
        guard let root else { return Result(tree: nil, streamedItems: streamedItems) }
        let tree = YAMLTree(file: file, records: document.records, strings: document.strings, children: document.children, root: root)
        return Result(tree: tree, streamedItems: streamedItems)
    }

    private mutating func handleEvent(_ event: inout yaml_event_t, _ handle: (YAMLNode) throws -> Void) throws {
        let line = Int32(truncatingIfNeeded: event.start_mark.line + 1)
        let column = Int32(truncatingIfNeeded: event.start_mark.column + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            if root != nil { throw Refused() }  // Yams: "expected a single document in the stream"
        case YAML_ALIAS_EVENT:
            enterItemIfStreamed()
            let name = String(cString: event.data.alias.anchor)
            do { try limits.alias(name) } catch { throw Refused() }
            guard let target = anchors[name], target.generation == scope else { throw Refused() }  // undefined here
            try add(target.index, handle)
        case YAML_SCALAR_EVENT:
            enterItemIfStreamed()
            let anchor = event.data.scalar.anchor.map { String(cString: $0) }
            do { try limits.scalar(anchor: anchor) } catch { throw Refused() }
            var bytes = UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length)
            // Yams decodes with Foundation's `String(bytes:encoding:)`, which drops a leading byte order mark.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            let value = String(decoding: bytes, as: UTF8.self)
            let style = YAMLTree.ScalarStyle(rawValue: UInt8(truncatingIfNeeded: event.data.scalar.style.rawValue)) ?? .any
            let index = append(scalar: value, style: style, line: line, column: column)
            if let anchor { anchors[anchor] = (scope, index) }
            try add(index, handle)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            enterItemIfStreamed()
            let isSequence = event.type == YAML_SEQUENCE_START_EVENT
            let anchorPointer = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
            let anchor = anchorPointer.map { String(cString: $0) }
            do { try limits.start(anchor: anchor) } catch { throw Refused() }
            let streamed = isSequence && anchor == nil && isStreamKeyValue()
            open.append(Open(kind: isSequence ? .sequence : .mapping, line: line, column: column, anchor: anchor,
                             pendingStart: pending.count, streamed: streamed))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            limits.end()
            guard let node = open.popLast() else { throw Refused() }
            if node.streamed {
                streamedItems = handedOn
                try add(append(container: node, children: []), handle)
                return
            }
            let children = pending[node.pendingStart...]
            if node.kind == .mapping { try checkKeys(children) }
            let index = append(container: node, children: children)
            pending.removeSubrange(node.pendingStart...)
            if let anchor = node.anchor { anchors[anchor] = (scope, index) }
            try add(index, handle)
        default:
            break
        }
    }

    /// The current anchor scope.
    private var scope: Int { inItem ? generation : 0 }

    /// Starts a new item when the next node is one of the streamed list.
    private mutating func enterItemIfStreamed() {
        guard !inItem, open.last?.streamed == true else { return }
        inItem = true
        generation += 1
    }

    /// Whether a container starting now is the value of the root mapping's stream key (the first such).
    private func isStreamKeyValue() -> Bool {
        guard let streamKey, streamedItems == nil, open.count == 1, open[0].kind == .mapping, !inItem else { return false }
        let entries = pending.count - open[0].pendingStart
        guard entries % 2 == 1, let key = pending.last else { return false }
        let record = document.records[Int(key)]
        return record.kind == .scalar && document.strings[Int(record.first)] == streamKey
    }

    /// Adds a finished node to its parent: the open container, the handler when the parent is the streamed
    /// list, or the document's root.
    private mutating func add(_ index: Int32, _ handle: (YAMLNode) throws -> Void) throws {
        guard let parent = open.last else {
            root = index
            return
        }
        guard parent.streamed else {
            pending.append(index)
            return
        }
        let tree = YAMLTree(file: file, records: item.records, strings: item.strings, children: item.children, root: index)
        let capacity = (item.records.count, item.strings.count, item.children.count)
        item = Arena()
        item.records.reserveCapacity(capacity.0)
        item.strings.reserveCapacity(capacity.1)
        item.children.reserveCapacity(capacity.2)
        inItem = false
        handedOn += 1
        try handle(tree.rootNode)
    }

    /// Refuses a mapping whose keys Yams might judge differently: a key that is not a scalar, or two keys
    /// with the same text (Yams tells `1` from `"1"` by resolved tag; its fallback load decides those).
    private func checkKeys(_ children: ArraySlice<Int32>) throws {
        let arena = inItem ? item : document
        var keys: [String] = []
        keys.reserveCapacity(children.count / 2)
        var position = children.startIndex
        while position < children.endIndex {
            let record = arena.records[Int(children[position])]
            guard record.kind == .scalar else { throw Refused() }
            keys.append(arena.strings[Int(record.first)])
            position += 2
        }
        if keys.count <= 12 {
            for i in keys.indices {
                for j in (i + 1)..<keys.count where keys[i] == keys[j] { throw Refused() }
            }
        } else if Set(keys).count != keys.count {
            throw Refused()
        }
    }

    private mutating func append(scalar: String, style: YAMLTree.ScalarStyle, line: Int32, column: Int32) -> Int32 {
        if inItem { return Self.append(scalar: scalar, style: style, line: line, column: column, to: &item) }
        return Self.append(scalar: scalar, style: style, line: line, column: column, to: &document)
    }

    private static func append(scalar: String, style: YAMLTree.ScalarStyle, line: Int32, column: Int32, to arena: inout Arena) -> Int32 {
        arena.strings.append(scalar)
        arena.records.append(YAMLTree.Record(kind: .scalar, style: style, line: line, column: column,
                                             first: Int32(arena.strings.count - 1), count: 0))
        return Int32(arena.records.count - 1)
    }

    private mutating func append(container: Open, children: ArraySlice<Int32>) -> Int32 {
        if inItem { return Self.append(container: container, children: children, to: &item) }
        return Self.append(container: container, children: children, to: &document)
    }

    private static func append(container: Open, children: ArraySlice<Int32>, to arena: inout Arena) -> Int32 {
        let first = Int32(arena.children.count)
        arena.children.append(contentsOf: children)
        arena.records.append(YAMLTree.Record(kind: container.kind, style: .any, line: container.line, column: container.column,
                                             first: first, count: Int32(children.count)))
        return Int32(arena.records.count - 1)
    }
}
