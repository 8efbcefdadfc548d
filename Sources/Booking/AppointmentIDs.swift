import CareModel

/// Short random appointment ids (`A-7KQ2MX`): typed by secretaries, shown in agendas, and the
/// basis of the feed UID, so they carry no patient data and cannot be guessed from each other.
enum AppointmentIDs {
    static func make(using generator: inout some RandomNumberGenerator) -> AppointmentID {
        var text = "A-"
        for _ in 0..<6 {
            text.append(PatientCode.alphabet[Int(generator.next(upperBound: UInt64(PatientCode.alphabet.count)))])
        }
        return AppointmentID(text)
    }
}
