import CLibical

/// The VTIMEZONE that every Parcours feed carries, built by hand.
///
/// libical 3's built-in zones are named `/freeassociation.sourceforge.net/Europe/Paris`, which
/// Outlook does not recognise. This one says `Europe/Paris` and gives the European Union rule
/// (last Sunday of March 02:00 -> 03:00, last Sunday of October 03:00 -> 02:00) as two yearly
/// RRULEs, which every calendar app reads.
enum ParisTimeZoneComponent {
    static let tzid = "Europe/Paris"

    /// A new VTIMEZONE; the caller owns it (normally by adding it to a calendar).
    static func make() -> OpaquePointer? {
        guard let zone = icalcomponent_new_vtimezone() else { return nil }
        icalcomponent_add_property(zone, icalproperty_new_tzid(tzid))
        icalcomponent_add_component(
            zone,
            observance(
                daylight: false, name: "CET", from: 7200, to: 3600,
                start: (1970, 10, 25, 3), rule: "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"))
        icalcomponent_add_component(
            zone,
            observance(
                daylight: true, name: "CEST", from: 3600, to: 7200,
                start: (1970, 3, 29, 2), rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"))
        return zone
    }

    private static func observance(
        daylight: Bool, name: String, from: Int32, to: Int32,
        start: (year: Int32, month: Int32, day: Int32, hour: Int32), rule: String
    ) -> OpaquePointer? {
        guard let part = daylight ? icalcomponent_new_xdaylight() : icalcomponent_new_xstandard()
        else { return nil }
        var dtstart = icaltimetype()
        dtstart.year = start.year
        dtstart.month = start.month
        dtstart.day = start.day
        dtstart.hour = start.hour
        icalcomponent_add_property(part, icalproperty_new_tzname(name))
        icalcomponent_add_property(part, icalproperty_new_tzoffsetfrom(from))
        icalcomponent_add_property(part, icalproperty_new_tzoffsetto(to))
        icalcomponent_add_property(part, icalproperty_new_dtstart(dtstart))
        icalcomponent_add_property(part, icalproperty_new_rrule(icalrecurrencetype_from_string(rule)))
        return part
    }
}
