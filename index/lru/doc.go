// Package lru is a small generic least-recently-used cache whose entries
// belong to one write generation of an index: the search engine keeps its
// search and trends results in one, the server its rendered pages.
//
// It lives in its own package, outside the search engine's API, because it
// knows nothing of search; it is not internal only because the server
// (outside index/) uses it too.
package lru
