import CareModel
import Foundation
import ICalendar

// libFuzzer calls this once per input; it provides `main`. An input either imports (and then the
// result must make sense) or is refused with an `ICalendarError` that names a line where the
// error has one. Anything else (a trap, a hang, a sanitizer report) is a bug in the importer.

let importer = CalendarImporter(maxOccurrences: 2_000)
let from = Date(timeIntervalSince1970: 1_767_225_600)   // 2026-01-01T00:00:00Z
let to = Date(timeIntervalSince1970: 1_798_761_600)     // 2027-01-01T00:00:00Z

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzICS(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let reading = try importer.read(bytes, from: from, to: to)
        let events = reading.events
        let lineCount = bytes.lazy.filter { $0 == 0x0A }.count + 1
        check(events, lineCount: lineCount)
        // What was skipped is said with a line of the file and a property name.
        for warning in reading.warnings {
            precondition(warning.line >= 1 && warning.line <= lineCount, "warning line \(warning.line) outside the file")
            precondition(!warning.property.isEmpty, "a warning that names no property")
        }
        // What the centre does with an import must not trap either.
        _ = UnavailabilityImport.absences(of: ClinicianID("C-FUZZ"), from: events)
        _ = try UnavailabilityImport.closedDays(from: events)
    } catch {
        // Typed throws: every refusal is an ICalendarError; its message must be printable.
        precondition(!error.description.isEmpty, "an import error without a message")
    }
    return 0
}

/// Invariants of a successful import: each occurrence points at a real line and does not end
/// before it starts.
private func check(_ events: [ImportedEvent], lineCount: Int) {
    for event in events {
        precondition(event.line >= 1 && event.line <= lineCount, "event line \(event.line) outside the file")
        switch event.timing {
        case let .allDay(first, end):
            precondition(first < end, "an all-day event that ends before it starts")
        case let .timed(start, end):
            precondition(start <= end, "a timed event that ends before it starts")
        }
    }
}
