/// Migration v6: who each audit row is about, and the privacy state of a patient.
///
/// `parcours audit --patient P` must find every change about a patient, their appointments and
/// enrolments included, without parsing JSON: each audit row now names its patient. The log stays
/// append-only; the backfill of older rows is the one edit the schema ever allows, done here with
/// the guard lifted and put back in the same migration transaction.
///
/// `patient.address_protected` already exists (v1) and gains its first readers and writers;
/// `patient.forgotten_at` marks a patient whose identity was erased (`parcours patient forget`).
extension Schema {
    package static let v6AuditPatientAndPrivacy = "v6-audit-patient-and-privacy"

    package static let v6AuditPatientAndPrivacySQL = """
        ALTER TABLE audit ADD COLUMN patient TEXT CHECK (patient IS NULL OR patient <> '');
        CREATE INDEX audit_patient ON audit(patient, id);

        DROP TRIGGER audit_no_update;
        UPDATE audit SET patient = entity_id WHERE entity = 'patient';
        UPDATE audit SET patient = (SELECT a.patient FROM appointment a WHERE a.id = audit.entity_id)
            WHERE entity = 'appointment';
        UPDATE audit SET patient = (SELECT e.patient FROM enrolment e WHERE CAST(e.id AS TEXT) = audit.entity_id)
            WHERE entity = 'enrolment';
        UPDATE audit SET patient = (SELECT m.patient FROM measure m WHERE CAST(m.id AS TEXT) = audit.entity_id)
            WHERE entity = 'measure';
        UPDATE audit SET patient = json_extract(after_json, '$.patient')
            WHERE entity = 'cohort' AND action = 'join-group' AND json_valid(after_json);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

        ALTER TABLE patient ADD COLUMN forgotten_at TEXT CHECK (forgotten_at IS NULL OR forgotten_at \(instant));
        """
}
