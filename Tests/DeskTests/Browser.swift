import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// What a test sees of one answer: status, headers, body as text, cookies set.
struct Page {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String

    var location: String? { headers[.location] }
    /// `Set-Cookie` lines, whole (attributes included).
    var setCookies: [String] { headers[values: .setCookie] }

    /// The value of the first hidden `csrf` field on the page.
    var csrf: String? {
        guard let range = body.range(of: #"name="csrf" value=""#) else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    func cookie(_ name: String) -> String? {
        for line in setCookies {
            guard let pair = line.split(separator: ";").first, pair.hasPrefix(name + "=") else { continue }
            return String(pair.dropFirst(name.count + 1))
        }
        return nil
    }
}

/// A browser in miniature: keeps the cookies the desk sets and sends them back.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var address: String

    init(_ client: any TestClientProtocol, address: String = "192.0.2.10") {
        self.client = client
        self.address = address
    }

    @discardableResult
    func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, body: nil, headers: extra)
    }

    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(
            uri, method: .post, body: body, headers: [.contentType: "application/x-www-form-urlencoded"])
    }

    func send(_ uri: String, method: HTTPRequest.Method, body: String?, headers extra: HTTPFields) async throws -> Page
    {
        var headers = extra
        headers[HTTPFields.Element.Name("X-Test-Address")!] = address
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        let page = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) {
            Page(status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
        }
        for line in page.setCookies {
            guard let pair = line.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            if line.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return page
    }

    /// Opens the sign-in form and submits it; returns the answer to the POST.
    @discardableResult
    func signIn(_ name: String, password: String = DeskFixture.password, next: String? = nil) async throws -> Page {
        let form = try await get("/connexion" + (next.map { "?suite=\(Self.encode($0))" } ?? ""))
        let csrf = try #require(form.csrf)
        var fields = [("csrf", csrf), ("name", name), ("password", password)]
        if let next { fields.append(("suite", next)) }
        return try await post("/connexion", fields)
    }

    /// The CSRF token of the signed-in session, read from a page's form.
    func csrf() async throws -> String {
        try #require(try await get("/").csrf)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
