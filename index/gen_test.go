package index

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
)

// genCorpus deterministically generates n synthetic records for
// benchmarks: a Zipf-distributed vocabulary of a few thousand made-up
// words mixed with SRE terms, skewed categories, services and
// organisations, dates over six years and log-normal durations.
func genCorpus(n int, seed uint64) []corpus.Record {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	syll := []string{"ka", "lo", "mi", "ser", "ven", "tra", "do", "pel", "qu", "rin", "sta", "bo", "nex", "ul", "cor", "fi", "gra", "hem", "jo", "zu", "pra", "tel", "vos", "wid"}
	vocab := make([]string, 0, 4000)
	seen := map[string]bool{}
	for len(vocab) < 3500 {
		k := 2 + rng.IntN(3)
		var b strings.Builder
		for range k {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	// Topic words: each category has its own, as real postmortems about
	// a database failure talk about databases; a document draws about one
	// word in twelve from its primary category's list, so a topic word
	// appears mostly in that category's incidents.
	topics := map[string][]string{
		"config-change": strings.Fields("config change setting flag misconfiguration rollout value override parameter"),
		"deploy":        strings.Fields("deploy release rollback pipeline build version artifact canary revert"),
		"capacity":      strings.Fields("capacity memory cpu exhausted saturation quota limit throttling oom scaling"),
		"third-party":   strings.Fields("vendor provider upstream external outage api saas partner status"),
		"network":       strings.Fields("network packet loss route bgp firewall latency switch link partition"),
		"dns":           strings.Fields("dns resolver record ttl nameserver zone lookup nxdomain"),
		"certificate":   strings.Fields("certificate expired tls ssl renewal chain x509 handshake"),
		"database":      strings.Fields("database replica failover query index lock deadlock schema migration timeout"),
		"storage":       strings.Fields("disk volume storage full space inode filesystem snapshot"),
		"hardware":      strings.Fields("hardware server power rack drive failure host chassis"),
		"software-bug":  strings.Fields("bug regression exception crash leak null race panic loop"),
		"security":      strings.Fields("security vulnerability attacker credentials token breach exploit patch"),
		"process":       strings.Fields("operator manual mistake runbook procedure accidentally review approval"),
		"monitoring":    strings.Fields("alert monitoring pager dashboard metrics missed noise threshold"),
		"time":          strings.Fields("clock ntp skew drift timezone leap expiry"),
		"data-loss":     strings.Fields("data loss deleted backup restore corruption records recovery"),
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	topic := []string(nil)
	words := func(k int) string {
		out := make([]string, k)
		for i := range out {
			if topic != nil && rng.IntN(12) == 0 {
				out[i] = topic[rng.IntN(len(topic))]
			} else {
				out[i] = vocab[zipf.Uint64()]
			}
		}
		return strings.Join(out, " ")
	}
	sentences := func(k int) string {
		var b strings.Builder
		for range k {
			s := words(8 + rng.IntN(14))
			b.WriteString(strings.ToUpper(s[:1]) + s[1:] + ". ")
		}
		return strings.TrimSpace(b.String())
	}
	cats := corpusCategoryNames
	catW := []float64{18, 16, 12, 7, 6, 3, 4, 7, 5, 3.5, 9, 2, 2.5, 2, 1, 1}
	pickCat := func() string {
		total := 0.0
		for _, w := range catW {
			total += w
		}
		x := rng.Float64() * total
		for i, w := range catW {
			if x < w {
				return cats[i]
			}
			x -= w
		}
		return cats[0]
	}
	services := make([]string, 60)
	for i := range services {
		services[i] = fmt.Sprintf("%s-%s", vocab[60+i*7], []string{"api", "worker", "db", "web", "gateway"}[i%5])
	}
	orgs := make([]string, 25)
	for i := range orgs {
		orgs[i] = strings.ToUpper(vocab[400+i][:1]) + vocab[400+i][1:] + " Corp"
	}
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	recs := make([]corpus.Record, n)
	for i := range recs {
		r := &recs[i]
		r.ID = fmt.Sprintf("gen-%06d", i)
		r.Source = fmt.Sprintf("gen/%s/%06d.md", orgs[i%len(orgs)], i)
		r.Format = corpus.FormatMarkdown
		prim := pickCat()
		topic = topics[prim]
		r.Title = strings.ToUpper(words(1)[:1]) + words(6 + rng.IntN(5))[1:]
		r.Organization = orgs[rng.IntN(len(orgs))]
		t := start.Add(time.Duration(rng.Int64N(int64(6 * 365 * 24 * time.Hour))))
		r.StartedAt = &t
		r.Date = t.Format("2006-01-02")
		if rng.IntN(10) > 0 {
			d := int(math.Exp(rng.NormFloat64()*1.2 + 4))
			r.DurationMinutes = &d
		}
		r.Severity = fmt.Sprintf("SEV%d", 1+rng.IntN(4))
		for range 1 + rng.IntN(3) {
			r.Services = append(r.Services, services[rng.IntN(len(services))])
		}
		r.Summary = sentences(2 + rng.IntN(3))
		r.Impact = sentences(1 + rng.IntN(3))
		r.RootCause = sentences(2 + rng.IntN(4))
		r.Resolution = sentences(1 + rng.IntN(3))
		r.Lessons = sentences(1 + rng.IntN(2))
		for k := range 4 + rng.IntN(8) {
			r.Timeline = append(r.Timeline, corpus.TimelineEntry{At: t.Add(time.Duration(k*7) * time.Minute).Format(time.RFC3339), Text: words(6 + rng.IntN(8))})
		}
		for range 1 + rng.IntN(5) {
			r.ActionItems = append(r.ActionItems, corpus.ActionItem{Text: words(5 + rng.IntN(8)), Done: rng.IntN(2) == 0})
		}
		r.Categories = []corpus.Category{{Name: prim, Confidence: 0.8, Source: corpus.SourceRules}}
		for range rng.IntN(3) {
			if c := pickCat(); c != prim {
				r.Categories = append(r.Categories, corpus.Category{Name: c, Confidence: 0.4, Source: corpus.SourceRules})
			}
		}
		r.Body = strings.Join([]string{r.Title, r.Summary, r.Impact, r.RootCause, r.Resolution, r.Lessons, sentences(10 + rng.IntN(40))}, "\n\n")
		r.ContentHash = fmt.Sprintf("%064x", i)
	}
	return recs
}
