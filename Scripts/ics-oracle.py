#!/usr/bin/env python3
"""The expansion oracle for the ICS import corpus (docs/feeds.md, "The corpus and its oracle").

Python's recurring-ical-events, an implementation independent of libical, expands every file of
Tests/ImportCorpus over the import window; the occurrences are written to
Tests/ImportCorpus/expected.json, which CorpusOracleTests compares, occurrence by
occurrence, with what Parcours imports from the same file.

  Scripts/ics-oracle.py            rewrite expected.json
  Scripts/ics-oracle.py --check    exit 1 if expected.json is not what recurring-ical-events says

Run from a throwaway virtualenv with recurring-ical-events installed (.ci/run does this).
"""
import datetime
import json
import pathlib
import sys
import zoneinfo

import icalendar
import recurring_ical_events

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Tests" / "ImportCorpus"
EXPECTED = CORPUS / "expected.json"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# The window CorpusOracleTests imports: local midnight in Paris, 1 January 2010 to 1 January 2031.
WINDOW = (datetime.datetime(2010, 1, 1, tzinfo=PARIS), datetime.datetime(2031, 1, 1, tzinfo=PARIS))


def moment(value):
    """A date as YYYY-MM-DD; a date-time as UTC, floating ones read in Paris as Parcours does."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=PARIS)
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def expand(path):
    try:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = recurring_ical_events.of(calendar).between(*WINDOW)
        occurrences = sorted([moment(event.start), moment(event.end)] for event in events)
        return {"status": "expanded", "occurrences": occurrences}
    except Exception as error:  # the oracle's own refusal is a result too
        return {"status": "refused", "error": f"{type(error).__name__}: {error}"[:300]}


def render(result):
    """One line per calendar file: small enough to keep in the repository, and a change to one
    file's expansion shows as one changed line."""
    lines = [json.dumps(name, ensure_ascii=False) + ": "
             + json.dumps(result[name], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
             for name in sorted(result)]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main():
    files = sorted(p for p in CORPUS.rglob("*.ics"))
    result = {str(p.relative_to(CORPUS)): expand(p) for p in files}
    text = render(result)
    if sys.argv[1:] == ["--check"]:
        if not EXPECTED.exists() or EXPECTED.read_text(encoding="utf-8") != text:
            print("ics-oracle: expected.json is stale; run Scripts/ics-oracle.py and commit it", file=sys.stderr)
            return 1
        print(f"ics-oracle: {len(files)} files, expected.json is what recurring-ical-events says")
        return 0
    if sys.argv[1:]:
        print("ics-oracle: expected --check or nothing", file=sys.stderr)
        return 2
    EXPECTED.write_text(text, encoding="utf-8")
    expanded = sum(1 for r in result.values() if r["status"] == "expanded")
    print(f"ics-oracle: {len(files)} files, {expanded} expanded by recurring-ical-events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
