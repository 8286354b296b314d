// Package server is Hindsight's web UI and JSON API on Echo: the route
// table, handlers, middleware and the error handler. It is thin: each
// handler parses a request, calls the index and renders a typed page.
package server
