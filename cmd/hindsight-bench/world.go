package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
	_ "time/tzdata" // zone names must not depend on the host's tz database
)

// world is what all documents of one corpus share: the organisations with
// their services, people and habits. It is built from the seed alone.
type world struct {
	seed      uint64
	orgs      []*org
	orgZipf   func(r *rand.Rand) int
	causeCum  []int // cumulative cause weights
	causeTot  int
	zoneNames []string
	locs      map[string]*time.Location
}

// org is one organisation publishing postmortems.
type org struct {
	name, slug   string
	ticketPrefix string
	services     []string
	regions      []string
	people       []string
	zone         string // IANA zone name of the team's postmortems
	sevStyle     int    // 0 SEV1..4, 1 P1..P4, 2 critical/major/minor
}

func (o *org) person(r *rand.Rand) string { return o.people[r.IntN(len(o.people))] }

const numOrgs = 80

// newWorld builds the shared world of a corpus from its seed.
func newWorld(seed uint64) (*world, error) {
	w := &world{seed: seed, locs: map[string]*time.Location{}}
	r := rand.New(rand.NewPCG(seed, 0xC0FFEE))
	w.zoneNames = []string{"UTC", "America/Los_Angeles", "America/New_York", "Europe/Berlin", "Europe/London", "Asia/Kolkata"}
	for _, z := range w.zoneNames {
		loc, err := time.LoadLocation(z)
		if err != nil {
			return nil, fmt.Errorf("load zone %s: %w", z, err)
		}
		w.locs[z] = loc
	}
	used := map[string]bool{}
	for len(w.orgs) < numOrgs {
		name := orgFirst[r.IntN(len(orgFirst))] + " " + orgSecond[r.IntN(len(orgSecond))]
		if used[name] {
			continue
		}
		used[name] = true
		o := &org{name: name, slug: slugify(name)}
		o.ticketPrefix = strings.ToUpper(o.slug[:min(3, len(o.slug))])
		if r.IntN(3) == 0 {
			o.ticketPrefix = "INC"
		}
		nsvc := 12 + r.IntN(40)
		seen := map[string]bool{}
		for len(o.services) < nsvc {
			s := svcPrefixes[r.IntN(len(svcPrefixes))]
			if r.IntN(4) != 0 {
				s += "-" + svcSuffixes[r.IntN(len(svcSuffixes))]
			}
			if !seen[s] {
				seen[s] = true
				o.services = append(o.services, s)
			}
		}
		for range 2 + r.IntN(5) {
			o.regions = append(o.regions, regions[r.IntN(len(regions))])
		}
		for range 8 + r.IntN(40) {
			o.people = append(o.people, firstNames[r.IntN(len(firstNames))]+" "+lastNames[r.IntN(len(lastNames))])
		}
		if r.IntN(2) == 0 {
			o.zone = "UTC"
		} else {
			o.zone = w.zoneNames[1+r.IntN(len(w.zoneNames)-1)]
		}
		o.sevStyle = r.IntN(3)
		w.orgs = append(w.orgs, o)
	}
	// Organisation sizes follow a Zipf law (s = 1.1): a few large
	// publishers and a long tail of small ones.
	cum := make([]float64, numOrgs)
	tot := 0.0
	for i := range cum {
		tot += 1 / math.Pow(float64(i+1), 1.1)
		cum[i] = tot
	}
	w.orgZipf = func(r *rand.Rand) int {
		u := r.Float64() * tot
		for i, c := range cum {
			if u < c {
				return i
			}
		}
		return numOrgs - 1
	}
	for _, c := range causes {
		w.causeTot += c.weight
		w.causeCum = append(w.causeCum, w.causeTot)
	}
	return w, nil
}

func (w *world) pickCause(r *rand.Rand) *cause {
	u := r.IntN(w.causeTot)
	for i, c := range w.causeCum {
		if u < c {
			return &causes[i]
		}
	}
	return &causes[len(causes)-1]
}

// slugify lower-cases s and keeps letters and digits, joined by dashes.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

func timeDur(minutes int) time.Duration { return time.Duration(minutes) * time.Minute }

// humanDuration spells a number of minutes as "2 hours and 5 minutes"
// (long) or "2h 5m".
func humanDuration(m int, long bool) string {
	d, h, mm := m/1440, m%1440/60, m%60
	if !long {
		var parts []string
		if d > 0 {
			parts = append(parts, fmt.Sprintf("%dd", d))
		}
		if h > 0 {
			parts = append(parts, fmt.Sprintf("%dh", h))
		}
		if mm > 0 || len(parts) == 0 {
			parts = append(parts, fmt.Sprintf("%dm", mm))
		}
		return strings.Join(parts, " ")
	}
	unit := func(n int, s string) string {
		if n == 1 {
			return "1 " + s
		}
		return fmt.Sprintf("%d %ss", n, s)
	}
	var parts []string
	if d > 0 {
		parts = append(parts, unit(d, "day"))
	}
	if h > 0 {
		parts = append(parts, unit(h, "hour"))
	}
	if mm > 0 || len(parts) == 0 {
		parts = append(parts, unit(mm, "minute"))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
