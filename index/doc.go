// Package index is Hindsight's search engine, and the only package that
// imports bleve: the mapping, incremental build and update from a corpus,
// the query language, search with facets, similar incidents and trends.
//
// It returns concrete types of its own and never leaks bleve's.
package index
