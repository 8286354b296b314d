// Package query is the Hindsight query language: ParseQuery turns the
// text a person types (free words, "phrases", -exclusions and key:value
// filters) into a Query, or a *QueryError pointing at the offending
// token; a Query renders back to canonical text, toggles filters for the
// links of the web pages, and builds the bleve query of its filters
// (FilterQuery), which the index combines with the ranked text query. The
// syntax is described at the top of query.go.
package query
