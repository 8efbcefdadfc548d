#!/usr/bin/env python3
"""Parse .ics files with two independent Python libraries (icalendar, vobject).

Usage: Scripts/check-feeds.py FILE.ics [FILE.ics ...]
Exits non-zero if either library fails to parse any file, or finds no VEVENT in it.
Requires: pip install icalendar vobject
"""
import sys

import icalendar
import vobject


def check(path):
    with open(path, "rb") as handle:
        data = handle.read()
    problems = []
    try:
        calendar = icalendar.Calendar.from_ical(data)
        events = calendar.walk("VEVENT")
        if not events:
            problems.append("icalendar: no VEVENT")
        for event in events:
            event.decoded("DTSTART")
            for key in ("DTEND", "DTSTAMP", "LAST-MODIFIED"):
                if key in event:
                    event.decoded(key)
    except Exception as error:  # any parse failure fails the check
        problems.append(f"icalendar: {error}")
    try:
        parsed = list(vobject.readComponents(data.decode("utf-8")))
        if len(parsed) != 1:
            problems.append(f"vobject: expected 1 calendar, found {len(parsed)}")
        for calendar in parsed:
            for event in calendar.contents.get("vevent", []):
                _ = event.dtstart.value
                if hasattr(event, "dtend"):
                    _ = event.dtend.value
    except Exception as error:
        problems.append(f"vobject: {error}")
    return problems


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        problems = check(path)
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            print(f"{path}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
