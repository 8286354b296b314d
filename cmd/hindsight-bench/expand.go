package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// expander fills sentence templates for one incident. Templates use
// {slot} for generated values (see slot) and [a|b|c] for an inline choice;
// choices may contain slots but not other choices.
type expander struct {
	r   *rand.Rand
	inc *incident
	// tail draws long-tail vocabulary ranks with a Zipf distribution.
	tail *rand.Zipf
}

func (e *expander) pick(xs []string) string { return xs[e.r.IntN(len(xs))] }

// expand fills one template.
func (e *expander) expand(t string) string {
	var b strings.Builder
	b.Grow(len(t) + 32)
	e.expandTo(&b, t)
	return b.String()
}

func (e *expander) expandTo(b *strings.Builder, t string) {
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch c {
		case '[':
			j := strings.IndexByte(t[i:], ']')
			if j < 0 {
				b.WriteByte(c)
				continue
			}
			alts := strings.Split(t[i+1:i+j], "|")
			e.expandTo(b, alts[e.r.IntN(len(alts))])
			i += j
		case '{':
			j := strings.IndexByte(t[i:], '}')
			if j < 0 {
				b.WriteByte(c)
				continue
			}
			b.WriteString(e.slot(t[i+1 : i+j]))
			i += j
		default:
			b.WriteByte(c)
		}
	}
}

// codename returns a word of the long tail: a pronounceable made-up name
// whose rank follows a Zipf law, so that a few names recur often and new
// ones keep appearing as the corpus grows, like real project, customer and
// product names do.
func (e *expander) codename() string { return lexWord(e.tail.Uint64()) }

// lexWord deterministically spells the word of one rank of the long tail.
func lexWord(rank uint64) string {
	h := splitmix(rank + 0x9e3779b97f4a7c15)
	n := 2 + int(h%3) // syllables
	if n == 4 {
		n = 2
	}
	h >>= 2
	var b strings.Builder
	for s := 0; s < n; s++ {
		b.WriteString(onsets[h%uint64(len(onsets))])
		h /= uint64(len(onsets))
		b.WriteString(nuclei[h%uint64(len(nuclei))])
		h /= uint64(len(nuclei))
		if h == 0 {
			h = splitmix(rank + uint64(s)*7919)
		}
	}
	b.WriteString(codas[h%uint64(len(codas))])
	return b.String()
}

// splitmix is the SplitMix64 finaliser: a cheap, well-mixed hash.
func splitmix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		return string(c-'a'+'A') + s[1:]
	}
	return s
}

// slot returns a generated value for one template slot.
func (e *expander) slot(name string) string {
	for _, fill := range []func(string) (string, bool){e.incidentSlot, e.numberSlot, e.wordSlot} {
		if v, ok := fill(name); ok {
			return v
		}
	}
	return "{" + name + "}"
}

// incidentSlot fills the slots taken from the incident being written: its services, hosts, people, times and cause.
func (e *expander) incidentSlot(name string) (string, bool) {
	r, inc := e.r, e.inc
	switch name {
	case "svc":
		return inc.services[0], true
	case "svc2":
		if len(inc.services) > 1 {
			return inc.services[1+r.IntN(len(inc.services)-1)], true
		}
		return e.pick(inc.org.services), true
	case "anysvc":
		return e.pick(inc.org.services), true
	case "host":
		return fmt.Sprintf("%s-%s-%02d", e.pick(hostRoles), e.pick(inc.org.regions), 1+r.IntN(60)), true
	case "region":
		return e.pick(inc.org.regions), true
	case "person":
		return inc.org.person(r), true
	case "time":
		t := inc.start.Add(timeDur(r.IntN(max(inc.duration, 1))))
		return t.Format("15:04"), true
	case "start":
		return inc.start.Format("15:04"), true
	case "end":
		return inc.end.Format("15:04"), true
	case "detected":
		return inc.detected.Format("15:04"), true
	case "zone":
		return inc.zoneAbbrev, true
	case "ticket":
		return fmt.Sprintf("%s-%d", inc.org.ticketPrefix, 100+r.IntN(40000)), true
	case "symptom":
		return inc.symptom, true
	case "Symptom":
		return capitalize(inc.symptom), true
	case "vendor":
		return inc.vendor, true
	case "db":
		return inc.database, true
	case "date":
		return inc.start.Format("January 2, 2006"), true
	case "org":
		return inc.org.name, true
	case "dur":
		return humanDuration(inc.duration, r.IntN(2) == 0), true
	}
	return "", false
}

// numberSlot fills the slots of numbers and identifiers: counts, percentages, ports, addresses, versions.
func (e *expander) numberSlot(name string) (string, bool) {
	r := e.r
	switch name {
	case "n1":
		return fmt.Sprint(2 + r.IntN(8)), true
	case "n2":
		return fmt.Sprint(10 + r.IntN(90)), true
	case "n3":
		return fmt.Sprint(100 + r.IntN(900)), true
	case "n4":
		return fmt.Sprint(1000 + r.IntN(99000)), true
	case "pct":
		return fmt.Sprintf("%d%%", 2+r.IntN(97)), true
	case "port":
		return e.pick([]string{"443", "80", "5432", "3306", "6379", "9092", "8080", "8443", "9200", "2379", "53", "11211"}), true
	case "ip":
		return fmt.Sprintf("10.%d.%d.%d", r.IntN(256), r.IntN(256), 1+r.IntN(254)), true
	case "code5":
		return fmt.Sprint(500 + r.IntN(5)), true
	case "disk":
		return e.pick(diskDev), true
	case "version":
		return fmt.Sprintf("v%d.%d.%d", 1+r.IntN(9), r.IntN(40), r.IntN(20)), true
	}
	return "", false
}

// wordSlot fills the slots of words: code names, flags, configuration keys, teams and parts of speech.
func (e *expander) wordSlot(name string) (string, bool) {
	switch name {
	case "codename":
		return e.codename(), true
	case "Codename":
		return capitalize(e.codename()), true
	case "Customer":
		return capitalize(e.codename()) + e.pick([]string{"", "", " Inc", " Ltd", " GmbH", " Corp", " Labs", " Group"}), true
	case "flag":
		return e.pick([]string{"enable", "use", "rollout", "new", "allow", "disable"}) + "_" + e.codename() + "_" + e.pick(neutralNouns), true
	case "configkey":
		return e.pick(neutralNouns) + "." + e.pick([]string{"max", "min", "default", "timeout", "retry", "batch", "pool"}) + "_" + e.codename(), true
	case "first":
		return e.pick(firstNames), true
	case "team":
		return e.pick(teams), true
	case "err":
		return e.expand(e.pick(errorTemplates)), true
	case "noun":
		return e.pick(neutralNouns), true
	case "tnoun":
		return e.pick(techNouns), true
	case "adj":
		return e.pick(adjectives), true
	case "adv":
		return e.pick(adverbs), true
	case "verb":
		return e.pick(verbsPast), true
	}
	return "", false
}

// neutralNouns are technical nouns that point at no root-cause category,
// used in cause sentences so that they do not blur the intended cause.
var neutralNouns = words(`cache queue shard worker scheduler job batch stream topic consumer
	producer endpoint handler middleware module session checkout cart order
	invoice feed timeline notification upload export import report search
	catalog profile account tenant webhook pipeline indexer thumbnail renderer
	ledger counter cohort workflow task backlog preview avatar comment
	playlist basket coupon voucher booking reservation quote listing review
	rating message thread channel inbox draft template widget tile layout
	manifest bundle plugin extension payload event`)
