#!/usr/bin/env python3
"""Reads every .ics file given (or found under the folders given) with the independent
`icalendar` parser and prints what it understood as JSON, for the Swift tests to compare.
Fails (exit 1) on a line over 75 octets, a bare LF, invalid UTF-8, or a time without a zone."""
import json
import pathlib
import sys

import icalendar


def check_lines(raw: bytes, name: str):
    raw.decode("utf-8")  # raises on a split UTF-8 sequence
    if not raw.endswith(b"\r\n"):
        raise SystemExit(f"{name}: does not end with CRLF")
    for number, line in enumerate(raw.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            raise SystemExit(f"{name}:{number}: a line break that is not CRLF")
        if len(line) > 75:
            raise SystemExit(f"{name}:{number}: {len(line)} octets, more than 75")
        line.decode("utf-8")  # every physical line is valid UTF-8 on its own


def read(path: pathlib.Path):
    raw = path.read_bytes()
    check_lines(raw, str(path))
    calendar = icalendar.Calendar.from_ical(raw)
    zones = [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")]
    events = []
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if start.tzinfo is None or end.tzinfo is None:
            raise SystemExit(f"{path}: an event time without a time zone")
        events.append({
            "uid": str(event["UID"]),
            "sequence": int(event.get("SEQUENCE", -1)),
            "dtstamp": event.decoded("DTSTAMP").strftime("%Y%m%dT%H%M%SZ"),
            "tzid": str(event["DTSTART"].params.get("TZID", "")),
            "start": start.isoformat(),
            "end": end.isoformat(),
            "summary": str(event.get("SUMMARY", "")),
            "location": str(event.get("LOCATION", "")),
            "description": str(event.get("DESCRIPTION", "")),
        })
    return {"zones": zones, "events": events}


def main(arguments):
    files = []
    for argument in arguments:
        p = pathlib.Path(argument)
        files += sorted(p.rglob("*.ics")) if p.is_dir() else [p]
    roots = [pathlib.Path(a) for a in arguments if pathlib.Path(a).is_dir()]
    def relative(f):
        for r in roots:
            if r in f.parents:
                return str(f.relative_to(r))
        return str(f)
    print(json.dumps({relative(f): read(f) for f in files}, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
