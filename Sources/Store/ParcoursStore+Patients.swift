import CareModel
import Foundation
import GRDB

extension ParcoursStore {
    /// A patient code that no patient has yet, drawn from `generator`.
    ///
    /// The code is only reserved when ``addPatient(_:identity:actor:reason:)`` saves it; if two
    /// processes draw the same code, the second save is refused as a duplicate.
    public func newPatientCode<G: RandomNumberGenerator>(using generator: inout G) throws(StoreError) -> PatientCode {
        try read { db in
            for _ in 0..<1000 {
                let code = PatientCode.random(using: &generator)
                if try !exists(db, "patient", "code", code.rawValue) { return code }
            }
            throw StoreError.constraint("no free patient code found after 1000 draws; the code space is nearly full")
        }
    }

    /// Registers a referred patient, with their identity kept in a separate table.
    ///
    /// Keep-apart pairs listed in `patient.keepApart` are saved too; they must name patients
    /// already registered. The audit row holds the pseudonymous record only, never the identity:
    /// the audit log cannot be edited, so a name written there could never be erased.
    public func addPatient(
        _ patient: Patient, identity: PatientIdentity? = nil, actor: Actor,
        reason: String? = nil
    ) throws(StoreError) {
        if let identity, identity.code != patient.code {
            throw .constraint("the identity is for \(identity.code) but the patient is \(patient.code)")
        }
        try write { db in
            if try exists(db, "patient", "code", patient.code.rawValue) {
                throw StoreError.duplicate(kind: "patient", id: patient.code.rawValue)
            }
            try db.execute(
                sql: """
                    INSERT INTO patient (code, birth_date, category, language, needs_interpreter, referral_source,
                        referral_date, safe_channels, needs_accessible_room, address_protected, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    patient.code.rawValue, patient.birthDate.iso, patient.category.rawValue, patient.language.rawValue,
                    patient.needsInterpreter, patient.referralSource.rawValue, patient.referralDate.iso,
                    StoredText.set(patient.safeChannels), patient.needsAccessibleRoom, patient.addressProtected,
                    StoredText.instant(clock()),
                ])
            if let identity {
                try db.execute(
                    sql: """
                        INSERT INTO patient_identity (code, given_name, family_name, phone, email, address)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        identity.code.rawValue, identity.givenName, identity.familyName, identity.phone,
                        identity.email, identity.address,
                    ])
            }
            for other in patient.keepApart.sorted() {
                try insertKeepApart(db, patient.code, other)
            }
            try audit(
                db, actor: actor, action: "add-patient", entity: "patient", id: patient.code.rawValue,
                patient: patient.code,
                after: Self.json(PatientAuditRecord(patient: patient, identityRecorded: identity != nil)),
                reason: reason)
        }
    }

    /// Records that two patients must never meet on site; the pair works both ways.
    public func addKeepApart(_ a: PatientCode, _ b: PatientCode, actor: Actor, reason: String? = nil) throws(StoreError)
    {
        try write { db in
            try insertKeepApart(db, a, b)
            let pair = [a, b].sorted().map(\.rawValue)
            try audit(
                db, actor: actor, action: "add-keep-apart", entity: "patient", id: pair[0],
                patient: PatientCode(pair[0]),
                after: Self.json(["patientA": pair[0], "patientB": pair[1]]), reason: reason)
            try audit(
                db, actor: actor, action: "add-keep-apart", entity: "patient", id: pair[1],
                patient: PatientCode(pair[1]),
                after: Self.json(["patientA": pair[0], "patientB": pair[1]]), reason: reason)
        }
    }

    private func insertKeepApart(_ db: Database, _ a: PatientCode, _ b: PatientCode) throws {
        guard a != b else { throw StoreError.constraint("a patient cannot be kept apart from themselves (\(a))") }
        for code in [a, b] where try !exists(db, "patient", "code", code.rawValue) {
            throw StoreError.notFound(kind: "patient", id: code.rawValue)
        }
        let (first, second) = a < b ? (a, b) : (b, a)
        if try exists(db, "keep_apart", "patient_a", first.rawValue, and: "patient_b", second.rawValue) {
            throw StoreError.duplicate(kind: "keep-apart pair", id: "\(first)/\(second)")
        }
        try db.execute(
            sql: "INSERT INTO keep_apart (patient_a, patient_b) VALUES (?, ?)",
            arguments: [first.rawValue, second.rawValue])
    }

    /// The clinical record of one patient, with its keep-apart set; nil if no such code.
    public func patient(_ code: PatientCode) throws(StoreError) -> Patient? {
        try read { db in
            guard
                let row = try Row.fetchOne(db, sql: "SELECT * FROM patient WHERE code = ?", arguments: [code.rawValue])
            else { return nil }
            return try patient(from: row, keepApart: keepApart(db, of: [code.rawValue])[code] ?? [])
        }
    }

    /// The clinical records of `codes` in two queries (the rows, then their keep-apart pairs),
    /// for a page listing many patients (the day sheet, the waiting list); unknown codes are absent.
    public func patients(_ codes: Set<PatientCode>) throws(StoreError) -> [PatientCode: Patient] {
        guard !codes.isEmpty else { return [:] }
        return try read { db in
            let list = codes.map(\.rawValue)
            let pairs = try keepApart(db, of: list)
            var found: [PatientCode: Patient] = [:]
            let statement = try db.cachedStatement(
                sql: "SELECT * FROM patient WHERE code IN (SELECT value FROM json_each(?))")
            let rows = try Row.fetchCursor(statement, arguments: [Self.jsonArray(list)])
            // Columns by position, found once for all rows (`ColumnPositions`).
            let columns = ColumnPositions(statement.columnNames)
            while let row = try rows.next() {
                let code = PatientCode(
                    try RowReader(row, table: "patient", idColumn: "code", columns: columns).text("code"))
                found[code] = try patient(from: row, keepApart: pairs[code] ?? [], columns: columns)
            }
            return found
        }
    }

    /// Every patient, ordered by code.
    public func patients() throws(StoreError) -> [Patient] {
        try read { db in
            let pairs = try keepApartPairs(db)
            return try Row.fetchAll(db, sql: "SELECT * FROM patient ORDER BY code").map { row throws(StoreError) in
                let code = PatientCode(try RowReader(row, table: "patient", idColumn: "code").text("code"))
                return try patient(from: row, keepApart: pairs[code] ?? [])
            }
        }
    }

    /// Who the patient is and how to reach them; only secretaries' screens should ask.
    public func identity(_ code: PatientCode) throws(StoreError) -> PatientIdentity? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM patient_identity WHERE code = ?",
                    arguments: [code.rawValue])
            else { return nil }
            let r = RowReader(row, table: "patient_identity", idColumn: "code")
            return PatientIdentity(
                code: code, givenName: try r.text("given_name"), familyName: try r.text("family_name"),
                phone: try r.optionalText("phone"), email: try r.optionalText("email"),
                address: try r.optionalText("address"))
        }
    }

    /// The identities of `codes` in one query, for a page that lists many patients at once
    /// (the desk's week agenda); codes without an identity (erased, unknown) are absent.
    public func identities(_ codes: Set<PatientCode>) throws(StoreError) -> [PatientCode: PatientIdentity] {
        guard !codes.isEmpty else { return [:] }
        return try read { db in
            var found: [PatientCode: PatientIdentity] = [:]
            // One JSON array argument: no limit on the number of codes, one statement text.
            let statement = try db.cachedStatement(
                sql: "SELECT * FROM patient_identity WHERE code IN (SELECT value FROM json_each(?))")
            let rows = try Row.fetchCursor(statement, arguments: [Self.jsonArray(codes.map(\.rawValue))])
            let columns = ColumnPositions(statement.columnNames)
            while let row = try rows.next() {
                let r = RowReader(row, table: "patient_identity", idColumn: "code", columns: columns)
                let code = PatientCode(try r.text("code"))
                found[code] = PatientIdentity(
                    code: code, givenName: try r.text("given_name"), familyName: try r.text("family_name"),
                    phone: try r.optionalText("phone"), email: try r.optionalText("email"),
                    address: try r.optionalText("address"))
            }
            return found
        }
    }

    /// The keep-apart pairs of every patient.
    private func keepApartPairs(_ db: Database) throws -> [PatientCode: Set<PatientCode>] {
        try keepApartRows(db, sql: "SELECT patient_a, patient_b FROM keep_apart", arguments: [])
    }

    /// The keep-apart pairs that involve one of `codes` (both indexes: the primary key, `keep_apart_b`).
    private func keepApart(_ db: Database, of codes: [String]) throws -> [PatientCode: Set<PatientCode>] {
        try keepApartRows(
            db,
            sql: """
                SELECT patient_a, patient_b FROM keep_apart WHERE patient_a IN (SELECT value FROM json_each(?1))
                UNION SELECT patient_a, patient_b FROM keep_apart WHERE patient_b IN (SELECT value FROM json_each(?1))
                """, arguments: [Self.jsonArray(codes)])
    }

    private func keepApartRows(
        _ db: Database, sql: String, arguments: StatementArguments
    ) throws -> [PatientCode: Set<PatientCode>] {
        var result: [PatientCode: Set<PatientCode>] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let r = RowReader(row, table: "keep_apart", idColumn: "patient_a")
            let a = PatientCode(try r.text("patient_a"))
            let b = PatientCode(try r.text("patient_b"))
            result[a, default: []].insert(b)
            result[b, default: []].insert(a)
        }
        return result
    }

    private func patient(
        from row: Row, keepApart: Set<PatientCode>, columns: ColumnPositions? = nil
    ) throws(StoreError) -> Patient {
        let r = RowReader(row, table: "patient", idColumn: "code", columns: columns)
        return Patient(
            code: PatientCode(try r.text("code")), birthDate: try r.day("birth_date"),
            category: try r.value("category"),
            language: try r.language("language"), needsInterpreter: try r.bool("needs_interpreter"),
            referralSource: try r.value("referral_source"), referralDate: try r.day("referral_date"),
            safeChannels: try r.set("safe_channels"), keepApart: keepApart,
            needsAccessibleRoom: try r.bool("needs_accessible_room"), addressProtected: try r.bool("address_protected"))
    }

    /// Whether `table` has a row whose `column` is `value` (and `column2` is `value2`).
    func exists(
        _ db: Database, _ table: String, _ column: String, _ value: String,
        and column2: String? = nil, _ value2: String? = nil
    ) throws -> Bool {
        if let column2 {
            return try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE \(column) = ? AND \(column2) = ?)",
                arguments: [value, value2]) ?? false
        }
        return try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE \(column) = ?)",
            arguments: [value]) ?? false
    }

    /// `values` as one JSON array text, for `json_each(?)`: a list of any length in one argument.
    ///
    /// Written by hand: `JSONSerialization` was three quarters of the bulk reads' time on the
    /// busiest day of a large centre (480 codes per page). Quotes, backslashes and control
    /// characters are escaped; other characters stay as they are (JSON text is UTF-8).
    static func jsonArray(_ values: some Sequence<String>) -> String {
        var json = "["
        for (index, value) in values.enumerated() {
            if index > 0 { json += "," }
            json += "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case "\n": json += "\\n"
                case "\r": json += "\\r"
                case "\t": json += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: json.unicodeScalars.append(scalar)
                }
            }
            json += "\""
        }
        return json + "]"
    }
}

/// What the audit log keeps of a new patient: the pseudonymous record, and only whether an
/// identity was recorded.
private struct PatientAuditRecord: Encodable {
    var patient: Patient
    var identityRecorded: Bool
}
