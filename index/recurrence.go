package index

import (
	"fmt"
	"strings"

	"github.com/hindsight-kb/hindsight/corpus"
)

// Recurrence thresholds. A warning that a past incident's fixes are still
// open is shown only when the match says "same failure": the same primary
// root cause and enough other overlap, among the first few similar
// incidents. A looser rule put the warning on a third of the sample
// incidents, for one shared word or one service that half the incidents
// name.
const (
	// RecurrenceMaxRank is how far down the similar list a match may be.
	RecurrenceMaxRank = 3
	// RecurrenceMinEvidence is how many shared services and shared
	// significant terms together a match needs beside the cause, at
	// least one of them a term: the two texts must say something alike.
	RecurrenceMinEvidence = 4
)

// Recurrence is an earlier incident that looks like the same failure and
// still has open action items.
type Recurrence struct {
	Hit SimilarHit
	// Cause is the shared primary root cause.
	Cause string
	// Services are the shared services, Terms the shared terms (when no
	// service is shared).
	Services, Terms []string
}

// RecurrenceOf returns the first of similar (as Similar lists them for
// rec, within RecurrenceMaxRank) that is earlier than rec, shares its
// primary root cause and RecurrenceMinEvidence services and terms, comes
// from the same organization when both name one (and must when no service
// is shared), and has open action items; ok is false when none does.
func RecurrenceOf(rec corpus.Record, similar []SimilarHit) (r Recurrence, ok bool) {
	cause := rec.PrimaryCategory()
	if cause == "" || rec.Date == "" {
		return Recurrence{}, false
	}
	for i, h := range similar {
		if i >= RecurrenceMaxRank {
			break
		}
		if h.OpenActions == 0 || h.Date == "" || h.Date >= rec.Date || h.PrimaryCategory != cause {
			continue
		}
		sameOrg := rec.Organization != "" && strings.EqualFold(rec.Organization, h.Organization)
		if rec.Organization != "" && h.Organization != "" && !sameOrg {
			continue
		}
		svcs, terms := h.Why.Services, h.Why.Terms
		if len(terms) == 0 || len(svcs)+len(terms) < RecurrenceMinEvidence || len(svcs) == 0 && !sameOrg {
			continue
		}
		r := Recurrence{Hit: h, Cause: cause, Services: svcs}
		if len(svcs) == 0 {
			r.Terms = terms[:min(len(terms), RecurrenceMinEvidence)]
		}
		return r, true
	}
	return Recurrence{}, false
}

// Shared says what the two incidents share, for the warning: "Same root
// cause (database) and service (ledger)" or "Same root cause (dns) and
// terms (resolver, cache, ttl)".
func (r Recurrence) Shared() string {
	s := fmt.Sprintf("Same root cause (%s)", r.Cause)
	switch {
	case len(r.Services) == 1:
		s += fmt.Sprintf(" and service (%s)", r.Services[0])
	case len(r.Services) > 1:
		s += fmt.Sprintf(" and services (%s)", strings.Join(r.Services, ", "))
	case len(r.Terms) > 0:
		s += fmt.Sprintf(" and terms (%s)", strings.Join(r.Terms, ", "))
	}
	return s
}
