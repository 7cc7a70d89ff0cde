// Reads each .ics file named on the command line with Mozilla's ical.js (an independent parser,
// the one Thunderbird uses) and prints, as JSON, what the tests compare: the calendar's METHOD
// and, per event, its UID, SUMMARY, ORGANIZER (address and CN), start (in UTC) and TZID.
// A file ical.js cannot parse makes the script fail with its error.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const result = {};
for (const path of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  result[path] = {
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
process.stdout.write(JSON.stringify(result));
