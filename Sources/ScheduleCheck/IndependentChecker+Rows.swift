import CareModel
import Foundation
import SchedulingModel

/// The rules one row can break on its own: time, resources, and what its step requires.
extension CheckRun {
    mutating func checkRow(_ row: LocalRow) {
        let s = row.session
        let spec = matched[row.index].map { problem.requests[$0.request].sessions[$0.spec] }
        checkTime(row, spec: spec)
        let patient = patients[s.patient]
        if patient == nil { flag(.unknownResource, "\(row.label): patient \(s.patient) is not in the instance") }
        checkClinicians(row, spec: spec)
        checkRoom(row, spec: spec, patient: patient)
        checkInterpreter(row, patient: patient)
        if absent(.patient, s.patient.rawValue, row) {
            flag(.patientAbsent, "\(row.label): patient \(s.patient) is unavailable then")
        }
    }

    /// Day, grid, duration, horizon: what is wrong with the time itself.
    mutating func checkTime(_ row: LocalRow, spec: SessionSpec?) {
        let s = row.session
        if closed.contains(row.date) { flag(.closedDay, "\(row.label): the centre is closed on \(row.date.iso)") }
        if row.date < problem.today || row.date > problem.horizonEnd {
            flag(.outsideHorizon, "\(row.label): outside \(problem.today.iso)...\(problem.horizonEnd.iso)")
        }
        let slot = max(1, problem.slotMinutes)
        let seconds = Int(s.start.timeIntervalSince1970.rounded(.down))
        if row.startMinutes % slot != 0 || seconds % 60 != 0 {
            flag(.offSlotGrid, "\(row.label): the start is not on the \(slot)-minute grid")
        }
        if s.end <= s.start {
            flag(.wrongDuration, "\(row.label): ends before it starts")
        } else if let spec, row.durationMinutes != spec.durationMinutes {
            flag(
                .wrongDuration, "\(row.label): lasts \(row.durationMinutes) min, the step takes \(spec.durationMinutes)"
            )
        }
        // A session whose wall-clock span differs from its real length runs through a clock change.
        let wallSpan = row.date.days(to: row.endDate) * 1440 + row.endMinutes - row.startMinutes
        if s.end > s.start, wallSpan != row.durationMinutes {
            flag(
                .nonexistentLocalTime,
                "\(row.label): runs through a clock change (\(wallSpan) min on the wall clock for \(row.durationMinutes) min)"
            )
        }
    }

    /// Starts written with an offset at a local time the centre's clock skips (02:30 on the spring-forward day).
    mutating func checkWrittenTimes() {
        for (index, written) in solution.writtenStarts.enumerated() where index < rows.count {
            guard let written, let time = LocalTime(minutes: written.minutes) else { continue }
            if zone.instant(on: written.date, at: time) == nil {
                flag(
                    .nonexistentLocalTime,
                    "\(rows[index].label): written as \(written.date.iso) \(time), a time that does not exist in \(zone.identifier)"
                )
            }
        }
    }

    mutating func checkClinicians(_ row: LocalRow, spec: SessionSpec?) {
        let s = row.session
        if let spec, s.clinicians.count != spec.facilitators || Set(s.clinicians).count != s.clinicians.count {
            flag(
                .wrongFacilitatorCount,
                "\(row.label): \(s.clinicians.count) clinician(s), the step needs \(spec.facilitators)")
        }
        if let r = matched[row.index]?.request, let fixed = problem.requests[r].fixedClinician,
            !s.clinicians.contains(fixed)
        {
            flag(.fixedClinicianIgnored, "\(row.label): the request asks for \(fixed)")
        }
        for id in s.clinicians {
            guard let clinician = clinicians[id] else {
                flag(.unknownResource, "\(row.label): clinician \(id) is not in the instance")
                continue
            }
            if !clinician.active { flag(.clinicianInactive, "\(row.label): \(id) takes no new bookings") }
            if let spec {
                if !spec.roles.isEmpty, !spec.roles.contains(clinician.role) {
                    flag(
                        .wrongRole,
                        "\(row.label): \(id) is a \(clinician.role.rawValue), the step needs "
                            + spec.roles.map(\.rawValue).joined(separator: " or "))
                }
                let missing = spec.skills.filter { !clinician.skills.contains($0) }
                if !missing.isEmpty {
                    flag(.missingSkill, "\(row.label): \(id) lacks " + missing.map(\.rawValue).joined(separator: ", "))
                }
                let languages = spec.languages.isEmpty ? [LanguageCode.french] : spec.languages
                if !languages.contains(where: clinician.languages.contains) {
                    flag(
                        .wrongLanguage,
                        "\(row.label): \(id) speaks none of " + languages.map(\.rawValue).joined(separator: ", "))
                }
            }
            if !covered(clinician.hours, row) {
                flag(.clinicianOutsideHours, "\(row.label): outside \(id)'s hours (\(clinician.hours))")
            }
            if absent(.clinician, id.rawValue, row) { flag(.clinicianAbsent, "\(row.label): \(id) is absent") }
        }
    }

    mutating func checkRoom(_ row: LocalRow, spec: SessionSpec?, patient: PatientNeeds?) {
        let s = row.session
        guard let room = rooms[s.room] else {
            flag(.unknownResource, "\(row.label): room \(s.room) is not in the instance")
            return
        }
        let missing = (spec?.roomFeatures ?? []).filter { !room.features.contains($0) }
        if !missing.isEmpty {
            flag(
                .roomMissingFeature,
                "\(row.label): \(room.id) is not " + missing.map(\.rawValue).joined(separator: ", "))
        }
        if patient?.needsAccessibleRoom == true, !room.features.contains(.accessible) {
            flag(.roomNotAccessible, "\(row.label): \(s.patient) needs an accessible room, \(room.id) is not")
        }
        if !room.active { flag(.roomInactive, "\(row.label): \(room.id) takes no new bookings") }
        if absent(.room, room.id.rawValue, row) { flag(.roomAbsent, "\(row.label): \(room.id) is unavailable") }
    }

    mutating func checkInterpreter(_ row: LocalRow, patient: PatientNeeds?) {
        let s = row.session
        guard let id = s.interpreter else {
            // A clinician of the session who speaks the patient's language needs no interpreter.
            if let patient, patient.needsInterpreter,
                !s.clinicians.contains(where: { clinicians[$0]?.languages.contains(patient.language) == true })
            {
                flag(.interpreterMissing, "\(row.label): \(s.patient) needs a \(patient.language) interpreter")
            }
            return
        }
        guard let interpreter = interpreters[id] else {
            flag(.unknownResource, "\(row.label): interpreter \(id) is not in the instance")
            return
        }
        if !interpreter.active { flag(.interpreterInactive, "\(row.label): \(id) takes no new bookings") }
        if let patient, patient.needsInterpreter, !interpreter.languages.contains(patient.language) {
            flag(.interpreterWrongLanguage, "\(row.label): \(id) does not speak \(patient.language)")
        }
        if !covered(interpreter.hours, row) {
            flag(.interpreterOutsideHours, "\(row.label): outside \(id)'s hours (\(interpreter.hours))")
        }
        if absent(.interpreter, id.rawValue, row) { flag(.interpreterAbsent, "\(row.label): \(id) is absent") }
    }

    /// Whether the whole session lies inside one worked range of its local weekday.
    func covered(_ hours: WeeklyHours, _ row: LocalRow) -> Bool {
        guard let range = row.range else { return false }
        return hours.covers(range, on: row.date.weekday)
    }

    func absent(_ kind: ResourceKind, _ id: String, _ row: LocalRow) -> Bool {
        problem.absences.contains {
            $0.kind == kind && $0.id == id && $0.start < row.session.end && row.session.start < $0.end
        }
    }
}
