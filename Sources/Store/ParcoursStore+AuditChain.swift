import Foundation
import GRDB

/// What `parcours audit verify` found: how many rows were checked, the first broken one.
public struct AuditChainReport: Hashable, Sendable, Codable {
    /// Rows checked, in id order.
    public var rows: Int
    /// The id of the first row whose hash does not match its content and the row before it
    /// (edited, inserted or following a deleted row); nil when the whole chain holds.
    public var firstBrokenRow: Int64?
    /// Why that row is broken, in words.
    public var detail: String?
    /// The hash of the last row: written down elsewhere (a backup log, a printed report), it
    /// shows later that not even the whole log was rewritten since.
    public var head: String

    public var isIntact: Bool { firstBrokenRow == nil }
}

extension ParcoursStore {
    /// Recomputes the audit log's hash chain from its first row and names the first row that
    /// does not match: the log was changed outside Parcours from that row on.
    public func verifyAuditChain() throws(StoreError) -> AuditChainReport {
        try read { db in
            var previous = AuditChain.origin
            var count = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditChain.selection) FROM audit ORDER BY id")
            while let row = try rows.next() {
                count += 1
                let expected = AuditChain.link(previous: previous, row: row)
                let stored: String? = row[1]
                guard stored == expected else {
                    let id: Int64 = row[0]
                    let detail =
                        stored == nil
                        ? "audit row \(id) has no chain hash"
                        : "audit row \(id) does not match its content and the row before it "
                            + "(it, or the row before it, was edited, inserted or deleted outside Parcours)"
                    return AuditChainReport(rows: count, firstBrokenRow: id, detail: detail, head: stored ?? "")
                }
                previous = expected
            }
            return AuditChainReport(rows: count, firstBrokenRow: nil, detail: nil, head: previous)
        }
    }

    /// The audit chain as one line of `parcours doctor`.
    func auditChainCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let report = try verifyAuditChain()
        return HealthCheck(
            name: name, title: title, checked: report.rows, problems: report.isIntact ? 0 : 1,
            examples: report.detail.map { [$0] } ?? [])
    }
}
