import Booking
import CareModel
import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Reports
import Store

extension Desk {
    /// The choices of the *Rapports* page, read from its query (`par`, `semaines`); a bad one is
    /// shown next to its field and the figures wait for a good one.
    struct ReportChoice {
        var grouping: Grouping = .category
        var weeks = 8
        var errors: [String: String] = [:]
        var typedGrouping = "category"
        var typedWeeks = "8"
    }

    func reportChoice(_ page: Page) -> ReportChoice {
        var choice = ReportChoice()
        if let by = page.query["par"], !by.isEmpty {
            choice.typedGrouping = String(by.prefix(40))
            if let grouping = Grouping(rawValue: by) {
                choice.grouping = grouping
            } else {
                choice.errors["par"] = strings.text("reports_bad_grouping", page.language)
            }
        }
        if let weeks = page.query["semaines"], !weeks.isEmpty {
            choice.typedWeeks = String(weeks.prefix(40))
            if let count = Int(weeks), (1...104).contains(count) {
                choice.weeks = count
            } else {
                choice.errors["semaines"] = strings.text("reports_bad_weeks", page.language)
            }
        }
        return choice
    }

    /// *Rapports*: completion by the chosen grouping and capacity for the coming weeks, the same
    /// figures as `parcours report completion` and `report capacity`, with their CSV downloads.
    /// Coordinators see codes and figures only; an address-protected patient shows masked.
    func reports(_ page: Page) async throws -> Response {
        let choice = reportChoice(page)
        let language = page.language
        let context = reportsForm(
            page, typedGrouping: choice.typedGrouping, typedWeeks: choice.typedWeeks, errors: choice.errors)
        guard choice.errors.isEmpty else {
            return render(
                "reports", context, language, session: page.session, status: .unprocessableContent,
                title: strings.text("reports_title", language))
        }
        let (completion, computed) = try await completionReport(choice.grouping)
        let capacity = try await capacityReport(weeks: choice.weeks, page: page)
        // The figures are ready; the page is written on the thread pool, as the large pages are.
        let grouping = choice.grouping, weeks = choice.weeks, typedGrouping = choice.typedGrouping
        let typedWeeks = choice.typedWeeks
        return try await offload {
            reportsPage(
                page, grouping: grouping, weeks: weeks, typed: (typedGrouping, typedWeeks),
                figures: (completion, computed, capacity))
        }
    }

    /// *Rapports* with its figures: the tables, the forecasts and the CSV links.
    private func reportsPage(
        _ page: Page, grouping: Grouping, weeks: Int, typed: (grouping: String, weeks: String),
        figures: (completion: CompletionReport, computed: Date, capacity: CapacityReport)
    ) -> Response {
        let language = page.language
        let (completion, computed, capacity) = figures
        var context = reportsForm(page, typedGrouping: typed.grouping, typedWeeks: typed.weeks, errors: [:])
        let local = configuration.timeZone.local(computed)
        context["computed"] = "\(local.date.iso) \(local.time)"
        context["completionHeader"] =
            [strings.text("reports_by_\(grouping.rawValue)", language)]
            + CompletionReport.columns.map { strings.text("reports_col_\($0.key)", language) }
        context["completionRows"] = completion.rows.map { ["first": $0.first ?? "", "cells": Array($0.dropFirst())] }
        context["weekLabels"] = capacity.weeks.map(\.label)
        func loads(_ rows: [ResourceLoad]) -> [[String: Any]] {
            rows.map { ["name": $0.name, "cells": $0.weeks.map(\.percentText)] }
        }
        context["clinicianLoads"] = loads(capacity.clinicians)
        context["roomLoads"] = loads(capacity.rooms)
        let counts = Dictionary(capacity.waitingByTrack.map { ($0.track, $0.count) }, uniquingKeysWith: { a, _ in a })
        context["forecasts"] = capacity.forecasts.map {
            [
                "track": catalog.track($0.track)?.title ?? $0.track.rawValue, "waiting": counts[$0.track] ?? 0,
                "first": $0.day?.iso ?? strings.text("reports_no_intake", language),
            ] as [String: Any]
        }
        context["waitingCount"] = capacity.waiting.count
        let query = "par=\(grouping.rawValue)&semaines=\(weeks)"
        context["completionCSV"] = "/rapports/completion.csv?\(query)"
        context["capacityCSV"] = "/rapports/capacite.csv?\(query)"
        return render(
            "reports", context, language, session: page.session, title: strings.text("reports_title", language))
    }

    /// The choices' part of the page: the groupings, the weeks as typed, their errors, today.
    private func reportsForm(
        _ page: Page, typedGrouping: String, typedWeeks: String, errors: [String: String]
    ) -> [String: Any] {
        let today = configuration.timeZone.today(at: now())
        return [
            "groupings": Grouping.allCases.map {
                [
                    "value": $0.rawValue, "label": strings.text("reports_by_\($0.rawValue)", page.language),
                    "selected": $0.rawValue == typedGrouping,
                ] as [String: Any]
            },
            "typedWeeks": typedWeeks, "groupingError": errors["par"] as Any,
            "weeksError": errors["semaines"] as Any, "today": today.iso,
        ]
    }

    /// The completion report as a CSV attachment (injection-safe cells, see `Reports.CSV`).
    func completionCSV(_ page: Page) async throws -> Response {
        let choice = reportChoice(page)
        guard choice.errors.isEmpty else { throw badReportChoice(choice) }
        let (report, _) = try await completionReport(choice.grouping)
        return Self.csv(report.csv(), filename: "completion-\(choice.grouping.rawValue).csv")
    }

    /// The capacity report's weekly figures as a CSV attachment.
    func capacityCSV(_ page: Page) async throws -> Response {
        let choice = reportChoice(page)
        guard choice.errors.isEmpty else { throw badReportChoice(choice) }
        let report = try await capacityReport(weeks: choice.weeks, page: page)
        return Self.csv(report.csv(), filename: "capacite-\(report.today.iso).csv")
    }

    private func badReportChoice(_ choice: ReportChoice) -> DeskPageError {
        DeskPageError(
            status: .badRequest, titleKey: "bad_input_title",
            textKey: choice.errors["par"] != nil ? "reports_bad_grouping" : "reports_bad_weeks")
    }

    /// The completion figures and when they were computed (see ``ReportCache`` for how fresh).
    private func completionReport(_ grouping: Grouping) async throws -> (CompletionReport, Date) {
        let (key, make) = completionJob(grouping)
        return try await reportCache.completion(key, now: now(), version: try changes.version(), make: make)
    }

    /// The capacity figures, computed on NIO's thread pool (the scheduler plans every track's first
    /// intake: too long to hold one of the cooperative threads).
    private func capacityReport(weeks: Int, page: Page) async throws -> CapacityReport {
        let (key, make) = capacityJob(weeks: weeks)
        return try await reportCache.capacity(key, now: now(), version: try changes.version(), make: make).0
    }

    /// The cache key of today's completion figures by `grouping`, and how to compute them.
    func completionJob(
        _ grouping: Grouping
    ) -> (String, @Sendable () async throws -> CompletionReport) {
        let today = configuration.timeZone.today(at: now())
        let (store, catalog) = (store, catalog)
        return (
            "completion|\(grouping.rawValue)|\(today.iso)",
            {
                let input = try await ReportInput.load(store: store, catalog: catalog, by: grouping)
                return CompletionReport.compute(input, period: ReferralPeriod(), by: grouping)
            }
        )
    }

    /// The cache key of today's capacity figures over `weeks`, and how to compute them. The
    /// computation only reads: the service's actor names the server, not the coordinator asking.
    func capacityJob(weeks: Int) -> (String, @Sendable () async throws -> CapacityReport) {
        let today = configuration.timeZone.today(at: now())
        let span = ReportWeek.weeks(from: today, count: weeks)
        let service = BookingService(store: store, catalog: catalog, actor: Actor(name: "parcours serve"))
        return (
            "capacity|\(weeks)|\(today.iso)",
            {
                try await NIOThreadPool.singleton.runIfActive {
                    CapacityReport.compute(
                        try CapacityInput.load(service: service, weeks: span, today: today), weeks: span, today: today)
                }
            }
        )
    }

    /// Computes the figures of the default *Rapports* page (by category, 8 weeks) if they are
    /// missing or behind, and waits for them: `bench desk` calls it before measuring, as `serve`
    /// warms them through ``keepReportsWarm()``.
    public func warmReports() async throws {
        let version = try changes.version()
        let (completionKey, completion) = completionJob(ReportChoice().grouping)
        let (capacityKey, capacity) = capacityJob(weeks: ReportChoice().weeks)
        async let first = reportCache.completion(completionKey, now: now(), version: version, make: completion)
        async let second = reportCache.capacity(capacityKey, now: now(), version: version, make: capacity)
        _ = try await (first, second)
    }

    /// Keeps the reports' figures ahead of the coordinators until cancelled: once a second, starts
    /// (without waiting) the default page's figures if missing, and recomputes every figure asked
    /// for lately once the database changed or its lifetime nears its end. `serve` runs it from
    /// start-up, the server answering meanwhile.
    public func keepReportsWarm() async {
        while !Task.isCancelled {
            do {
                let (version, time) = (try changes.version(), now())
                let (completionKey, completion) = completionJob(ReportChoice().grouping)
                let (capacityKey, capacity) = capacityJob(weeks: ReportChoice().weeks)
                reportCache.prefetchCompletion(completionKey, now: time, version: version, make: completion)
                reportCache.prefetchCapacity(capacityKey, now: time, version: version, make: capacity)
                reportCache.refresh(now: time, version: version)
            } catch {
                logger.warning("reports not refreshed: \(error)")
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    static func csv(_ text: String, filename: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
