import Foundation

/// The request line and headers of an HTTP/1.1 request.
struct RequestHead: Equatable {
    var method: String
    var target: String
    var version: String
    var headers: [String: String]

    /// Whether the connection stays open after the response.
    var keepAlive: Bool {
        let connection = headers["connection"]?.lowercased() ?? ""
        if version == "HTTP/1.0" { return connection.contains("keep-alive") }
        return !connection.contains("close")
    }

    var isChunked: Bool { headers["transfer-encoding"]?.lowercased().contains("chunked") ?? false }

    var expectsContinue: Bool { headers["expect"]?.lowercased() == "100-continue" }

    var contentLength: Int? { headers["content-length"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
}

/// Incremental HTTP/1.1 request parsing over a byte buffer: pure functions, no I/O.
enum RequestParser {
    struct Malformed: Error, Equatable {
        var reason: String
    }

    private static let crlf: [UInt8] = [13, 10]

    /// The index just past the blank line ending the head, searching from `start`; `nil` until it arrived.
    static func headEnd(in buffer: [UInt8], from start: Int = 0) -> Int? {
        guard buffer.count >= 4 else { return nil }
        var index = max(0, start)
        while index + 3 < buffer.count {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
                return index + 4
            }
            index += 1
        }
        return nil
    }

    /// Parses the request line and headers (the bytes up to and including the blank line).
    static func parseHead(_ bytes: ArraySlice<UInt8>) throws -> RequestHead {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        while lines.last == "" { lines.removeLast() }
        // Tolerate empty lines before the request line (RFC 7230 section 3.5).
        while lines.first == "" { lines.removeFirst() }
        guard let requestLine = lines.first else { throw Malformed(reason: "empty request") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            throw Malformed(reason: "bad request line: \(requestLine)")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw Malformed(reason: "bad header line: \(line)") }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw Malformed(reason: "bad header line: \(line)") }
            if let existing = headers[name] { headers[name] = existing + ", " + value } else { headers[name] = value }
        }
        // Strict, as RFC 9112 section 6.3 advises: both framings at once is how requests are smuggled.
        if headers["transfer-encoding"] != nil, headers["content-length"] != nil {
            throw Malformed(reason: "both Transfer-Encoding and Content-Length")
        }
        return RequestHead(method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headers: headers)
    }

    /// Decodes a chunked body starting at `start`; returns the body and the index past the final CRLF
    /// (trailers skipped), or `nil` while more bytes are needed.
    static func decodeChunked(_ buffer: [UInt8], from start: Int) throws -> (body: [UInt8], end: Int)? {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let lineEnd = crlfIndex(buffer, from: index) else { return nil }
            let sizeText = String(decoding: buffer[index..<lineEnd], as: UTF8.self)
            let sizeField = sizeText.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let size = Int(sizeField.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                throw Malformed(reason: "bad chunk size: \(sizeText)")
            }
            index = lineEnd + 2
            if size == 0 {
                // Trailer fields, then an empty line.
                while true {
                    guard let trailerEnd = crlfIndex(buffer, from: index) else { return nil }
                    let empty = trailerEnd == index
                    index = trailerEnd + 2
                    if empty { return (body, index) }
                }
            }
            guard buffer.count >= index + size + 2 else { return nil }
            body.append(contentsOf: buffer[index..<index + size])
            guard buffer[index + size] == 13, buffer[index + size + 1] == 10 else {
                throw Malformed(reason: "chunk not followed by CRLF")
            }
            index += size + 2
        }
    }

    /// The index of the next CRLF at or after `start`.
    private static func crlfIndex(_ buffer: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < buffer.count {
            if buffer[index] == 13, buffer[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    /// The reason phrase for a status code.
    static func reason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 413: return "Content Too Large"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 529: return "Overloaded"
        default: return "Status \(status)"
        }
    }
}
