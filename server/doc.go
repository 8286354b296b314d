// Package server is Hindsight's web UI and JSON API on Echo: the route
// table, handlers, middleware and the error handler. It is thin: each
// handler parses a request, calls the index and renders a typed page.
//
// New takes a Config (DefaultConfig, checked by Validate), a Searcher and
// an optional Writer; *index.Index is both. routes() is the one route
// table: pages (/, /search, /incidents/{id}, /trends, /categories,
// /actions), embedding (/embed, /widget.js, /opensearch.xml,
// /feed.atom), operations (/healthz, /readyz, /metrics) and the JSON API
// under /api/v1, described by the embedded openapi.json.
//
// One file per page holds its handler and view types: home.go,
// search.go, incident.go (with document.go, which renders the original),
// trends.go, categories.go, actions.go and embed.go (/embed, OpenSearch,
// Atom); pages.go has what several pages share (result rows, the pager,
// links). To add a page: a file here with its handler and view type, a
// template in ui/templates, and a row in routes().
//
// Every request passes, in order: request log and metrics, panic
// recovery, security headers (a CSP without inline script or style),
// load shedding, per-client rate limiting, CORS for the embed origins,
// the body limit, a request timeout and gzip. One error handler answers
// {"error":{"code":…,"message":…}} under /api and an HTML page elsewhere.
//
// The server starts not ready: /readyz and every route that needs the
// index answer 503 until SetReady(true), which `hindsight serve` calls
// after the first index build. Originals are read from Config.Documents
// (the corpus) and rendered safely: Markdown with goldmark (raw HTML off),
// HTML through bluemonday, text in <pre>.
package server
