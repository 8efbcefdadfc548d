import CareModel
import GRDB

/// Editing a clinician after `addClinician`: a change of days, a new skill, a language learnt.
/// Audited like the rooms and interpreters (``updateRoom(_:actor:reason:)``), before and after.
extension ParcoursStore {
    /// Replaces a clinician's name, role, skills, languages and weekly hours (id and `active`
    /// stay as stored: leaving goes through the departure). An unknown id or no language is
    /// refused and nothing is saved. Sessions already booked stay booked, even outside the new
    /// hours: the caller lists them, and `doctor`'s calendar check flags them. `caps`, when given,
    /// replaces the workload caps in the same transaction (audited `set-clinician-caps`), so that
    /// `clinician edit` with both changes all or nothing.
    public func updateClinician(
        _ clinician: Clinician, caps: WorkloadCaps? = nil, actor: Actor, reason: String? = nil
    ) throws(StoreError) {
        if let caps { try Self.checkCaps(caps) }
        guard !clinician.languages.isEmpty else {
            throw StoreError.constraint("clinician \(clinician.id) needs at least one language")
        }
        try write { db in
            try replace(
                db, table: "clinician", id: clinician.id.rawValue, decode: Self.clinician(from:),
                record: clinician, keeping: \.active,
                set: "name = ?, role = ?, skills = ?, languages = ?, hours = ?",
                arguments: [
                    clinician.name, clinician.role.rawValue, StoredText.set(clinician.skills),
                    StoredText.set(clinician.languages), StoredText.hours(clinician.hours),
                ], actor: actor, reason: reason)
            if let caps { try writeCaps(db, caps, of: clinician.id, actor: actor, reason: reason) }
        }
    }
}
