import CLibical

/// Which VEVENTs of a file count, when one event appears more than once.
///
/// A UID names one event (RFC 5545); a file that gives it twice holds two revisions of it, as
/// calendar servers append them, and SEQUENCE says which is newer (RFC 5546). Reading both would
/// double every absence (a series of 111 became 223): the newest revision of each series and of
/// each moved occurrence is kept, the later one on a tie, and each copy set aside is said.
enum EventVersions {
    typealias Event = (component: OpaquePointer, scan: ICSLineScanner.Component)

    static func newest(_ events: [Event], warnings: WarningLog) -> [Event] {
        var kept: [String: Event] = [:]
        var order: [String] = []
        for event in events {
            let uid = swiftString(icalcomponent_get_uid(event.component)) ?? ""
            // Without a UID nothing says two events are one: each stands alone.
            let key = uid.isEmpty ? "line \(event.scan.beginLine)" : uid + "\u{0}" + recurrenceKey(event.component)
            guard let earlier = kept[key] else {
                kept[key] = event
                order.append(key)
                continue
            }
            let (old, new) = (sequence(earlier.component), sequence(event.component))
            let (stays, goes) = new >= old ? (event, earlier) : (earlier, event)
            kept[key] = stays
            let why =
                old == new
                ? "the event on line \(stays.scan.beginLine) gives the same UID and SEQUENCE again"
                : "an older revision (SEQUENCE \(min(old, new))) of the event on line \(stays.scan.beginLine)"
            warnings.add(goes.scan.beginLine, "UID", .outdatedCopy, "\(why); this copy is ignored")
        }
        let survivors = Set(order.compactMap { kept[$0]?.scan.beginLine })
        return events.filter { survivors.contains($0.scan.beginLine) }
    }

    static func sequence(_ event: OpaquePointer) -> Int {
        guard let property = icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY) else { return 0 }
        return Int(icalproperty_get_sequence(property))
    }

    /// The RECURRENCE-ID as written (value and TZID), or "" for a series or a single event.
    private static func recurrenceKey(_ event: OpaquePointer) -> String {
        guard let property = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) else { return "" }
        let tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER).flatMap {
            swiftString(icalparameter_get_tzid($0))
        }
        return (tzid ?? "") + ":" + (swiftString(icalproperty_get_value_as_string(property)) ?? "")
    }
}
