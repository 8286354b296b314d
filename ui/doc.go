// Package ui holds Hindsight's HTML templates and static assets, embedded
// with go:embed so that the binary serves everything itself, offline.
package ui
