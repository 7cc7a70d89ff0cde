// Reads each .ics file named on the command line with two independent JavaScript parsers,
// Mozilla's ical.js (the one Thunderbird uses) and node-ical, and prints, as JSON, what the
// tests compare: per file and parser, the calendar's METHOD and, per event, its UID, SUMMARY,
// ORGANIZER (address and CN), start (in UTC) and TZID. A file a parser cannot read makes the
// script fail with its error.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import nodeIcal from "node-ical";

function withIcalJs(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  return {
    method: calendar.getFirstPropertyValue("method"),
    events: calendar.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      const organizer = vevent.getFirstProperty("organizer");
      return {
        uid: event.uid,
        summary: event.summary,
        organizer: organizer ? organizer.getFirstValue() : null,
        organizer_cn: organizer ? organizer.getParameter("cn") : null,
        start_utc: event.startDate.convertToZone(ICAL.Timezone.utcTimezone).toString(),
        tzid: event.startDate.zone ? event.startDate.zone.tzid : null,
      };
    }),
  };
}

function withNodeIcal(text) {
  const parsed = nodeIcal.sync.parseICS(text);
  const entries = Object.values(parsed);
  const calendar = entries.find((entry) => entry.type === "VCALENDAR");
  return {
    method: calendar ? calendar.method : null,
    events: entries.filter((entry) => entry.type === "VEVENT").map((event) => ({
      uid: event.uid,
      summary: event.summary,
      organizer: event.organizer ? event.organizer.val : null,
      organizer_cn: event.organizer && event.organizer.params ? event.organizer.params.CN : null,
      start_utc: event.start.toISOString().replace(".000Z", "Z"),
      tzid: event.start.tz || null,
    })),
  };
}

const result = {};
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, "utf8");
  result[path] = { "ical.js": withIcalJs(text), "node-ical": withNodeIcal(text) };
}
process.stdout.write(JSON.stringify(result));
