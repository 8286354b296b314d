package corpus

// The time-zone database is embedded so that zone words with daylight
// saving ("PST", "Eastern", "CEST") resolve to the offset in force on
// their date on every system, including ones without /usr/share/zoneinfo.
import _ "time/tzdata"
