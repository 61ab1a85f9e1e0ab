/// A page the viewer answers with: an HTTP status and a whole HTML document.
public struct ViewerPage: Sendable, Equatable {
    /// The HTTP status: 200, 400 or 404 (500 when the store fails).
    public var status: Int
    /// The HTML document.
    public var html: String

    /// Creates a page.
    public init(status: Int, html: String) {
        self.status = status
        self.html = html
    }
}
