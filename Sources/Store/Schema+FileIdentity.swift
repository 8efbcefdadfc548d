/// Migration v7 (safety): the file says it is a Parcours database, and identifiers keep to one rule.
///
/// `PRAGMA application_id` stamps the SQLite header (offset 68) with ``Schema/applicationID``, so
/// `demo --replace`, `backup --force` and `init` can tell a Parcours file from another program's
/// database before replacing anything. Files made before this migration are still recognised by
/// their migration history, and get the stamp when they are next opened for writing.
///
/// The triggers refuse, from any caller, an identifier outside `IdentifierRule` (letters, digits,
/// `-`, `_`, at most 40 characters): ids become file names, URLs and audit lines.
extension Schema {
    package static let v7FileIdentity = "v7-safety-file-identity"
    /// 'PRCS' in ASCII: what `PRAGMA application_id` reads on a Parcours database.
    package static let applicationID: Int32 = 0x5052_4353

    static let v7FileIdentitySQL: String = {
        var sql = "PRAGMA application_id = \(applicationID);\n"
        for (table, column) in [
            ("patient", "code"), ("clinician", "id"), ("room", "id"), ("interpreter", "id"),
            ("enrolment", "track"),
        ] {
            for event in ["INSERT", "UPDATE OF \(column)"] {
                let name = "\(table)_\(column)_pattern_\(event.hasPrefix("INSERT") ? "insert" : "update")"
                sql += """
                    CREATE TRIGGER \(name) BEFORE \(event) ON \(table)
                        WHEN length(NEW.\(column)) NOT BETWEEN 1 AND 40
                          OR NEW.\(column) NOT GLOB '[A-Za-z0-9]*'
                          OR NEW.\(column) GLOB '*[^-A-Za-z0-9_]*'
                    BEGIN SELECT RAISE(ABORT, '\(table) \(column) must be 1 to 40 letters, digits, - or _'); END;

                    """
            }
        }
        return sql
    }()
}
