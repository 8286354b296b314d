package index

import (
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
)

// parsedQuery is what search needs from the query language. It is filled
// by a minimal parser until the query helper's ParseQuery lands; then
// parseSearchQuery calls ParseQuery and this file goes.
type parsedQuery struct {
	Words, Phrases, Excluded []string
	Filter                   query.Query // nil when no filters
}

// QueryError is a query the language cannot read.
type QueryError struct {
	Query string
	Pos   int
	Token string
	Msg   string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("at column %d (%s): %s", e.Pos+1, e.Token, e.Msg)
}

var tmpFilterFields = map[string]string{
	"category": fCategories, "cause": fCategories, "service": fServices, "org": fOrganization,
	"severity": fSeverity, "tag": fTags, "format": fFormat, "has": fHas,
}

func parseSearchQuery(s string, now time.Time) (*parsedQuery, error) {
	_ = now
	pq := &parsedQuery{}
	byField := map[string][]string{}
	var order []string
	i := 0
	for i < len(s) {
		if s[i] == ' ' || s[i] == '\t' || s[i] == '\n' {
			i++
			continue
		}
		start := i
		neg := false
		if s[i] == '-' {
			neg = true
			i++
		}
		if i < len(s) && s[i] == '"' {
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, &QueryError{Query: s, Pos: i, Token: `"`, Msg: "unbalanced quote"}
			}
			ph := strings.TrimSpace(s[i+1 : i+1+j])
			i = i + 2 + j
			if ph == "" {
				continue
			}
			if neg {
				pq.Excluded = append(pq.Excluded, ph)
			} else {
				pq.Phrases = append(pq.Phrases, ph)
			}
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' {
			j++
		}
		tok := s[i:j]
		i = j
		if k := strings.IndexByte(tok, ':'); k > 0 && !neg {
			name := strings.ToLower(tok[:k])
			f, ok := tmpFilterFields[name]
			if !ok {
				return nil, &QueryError{Query: s, Pos: start, Token: tok, Msg: "unknown filter " + name}
			}
			if _, seen := byField[f]; !seen {
				order = append(order, f)
			}
			byField[f] = append(byField[f], strings.ToLower(tok[k+1:]))
			continue
		}
		if tok == "" {
			continue
		}
		if neg {
			pq.Excluded = append(pq.Excluded, tok)
		} else {
			pq.Words = append(pq.Words, tok)
		}
	}
	var conj []query.Query
	for _, f := range order {
		var dis []query.Query
		for _, v := range byField[f] {
			tq := query.NewTermQuery(v)
			tq.SetField(f)
			dis = append(dis, tq)
		}
		conj = append(conj, query.NewDisjunctionQuery(dis))
	}
	if len(conj) > 0 {
		pq.Filter = query.NewConjunctionQuery(conj)
	}
	return pq, nil
}
