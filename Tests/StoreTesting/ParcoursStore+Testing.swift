import GRDB
import Store

/// Raw SQL access for the Store's own tests, which must show that the schema itself refuses
/// bad data (not only the Swift checks in front of it). A test-support target, never linked into
/// the product: it reaches the Store through `package` declarations, not `@testable`.
extension ParcoursStore {
    /// Runs `sql` in one write transaction.
    package func executeForTesting(_ sql: String) throws(StoreError) {
        try write { db in try db.execute(sql: sql) }
    }

    /// The first column of every row `sql` returns, as text.
    package func stringsForTesting(_ sql: String) throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: sql) }
    }

    /// Creates or opens a store whose migrator knows extra migrations, as a newer build would.
    package static func createForTesting(
        at path: String, extraMigrations: [(identifier: String, sql: String)]
    )
        throws(StoreError) -> ParcoursStore
    {
        try create(
            at: path, migrator: Schema.migrator(extra: extraMigrations), logger: ParcoursStore.silentLogger,
            clock: { .now })
    }
}

/// Writes an SQLite file that belongs to another program (a table, no Parcours schema).
package func makeForeignDatabaseForTesting(at path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)") }
    try queue.close()
}

/// Builds a database at an older schema version and runs `sql` on it, so tests can show what a
/// later migration does to existing rows.
package func makeDatabaseForTesting(at path: String, upTo migration: String, sql: String) throws {
    let queue = try DatabaseQueue(path: path)
    try Schema.migrator().migrate(queue, upTo: migration)
    try queue.write { db in try db.execute(sql: sql) }
    try queue.close()
}

extension ParcoursStore {
    /// Runs `sql` on a separate connection with foreign keys off, as a careless script would:
    /// how the doctor's tests plant a dangling reference the schema would otherwise refuse.
    package func executeWithoutForeignKeysForTesting(_ sql: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }
}

extension ParcoursStore {
    /// SQLite's plan for `sql` (EXPLAIN QUERY PLAN), one line per step, with `arguments` bound.
    package func queryPlanForTesting(_ sql: String, arguments: [String]) throws(StoreError) -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(arguments))
                .map { row in row["detail"] ?? "" }
        }
    }
}
