package index

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
)

// Config holds what an Index needs besides its location. The zero value
// of each field means its default; use DefaultConfig and override.
type Config struct {
	// Taxonomy gives category descriptions and the phrases that point at
	// each category; nil = corpus.DefaultTaxonomy().
	Taxonomy *corpus.Taxonomy
	// Parser parses corpus files in Sync; nil = a parser with
	// corpus.DefaultConfig() and Taxonomy.
	Parser *corpus.Parser
	// Synonyms is a YAML synonym file (see synonyms.yaml); nil = the
	// embedded default set.
	Synonyms io.Reader
	// MaxPageSize caps Request.PageSize; default 100.
	MaxPageSize int
	// LockTimeout bounds how long Open waits for an index another
	// process holds; default 2s.
	LockTimeout time.Duration
	// ResultCache is how many search results are kept until the next
	// write; 0 means DefaultResultCache, a negative value turns the
	// cache off.
	ResultCache int
}

// Defaults of Config.
const (
	DefaultMaxPageSize = 100
	DefaultPageSize    = 20
	DefaultLockTimeout = 2 * time.Second
	DefaultResultCache = 512
	// maxPage bounds Request.Page so that deep paging never asks bleve
	// for an unbounded number of hits.
	maxResultWindow = 10000
)

// DefaultConfig returns a Config with every default filled in except the
// taxonomy, parser and synonyms, which are resolved when the index opens.
func DefaultConfig() Config {
	return Config{MaxPageSize: DefaultMaxPageSize, LockTimeout: DefaultLockTimeout}
}

// Validate reports a Config that cannot work.
func (c Config) Validate() error {
	var errs []error
	if c.MaxPageSize < 0 || c.MaxPageSize > maxResultWindow {
		errs = append(errs, fmt.Errorf("index config: MaxPageSize %d out of range [0, %d]", c.MaxPageSize, maxResultWindow))
	}
	if c.LockTimeout < 0 {
		errs = append(errs, fmt.Errorf("index config: LockTimeout %v is negative", c.LockTimeout))
	}
	return errors.Join(errs...)
}

// withDefaults fills zero fields.
func (c Config) withDefaults() Config {
	if c.MaxPageSize == 0 {
		c.MaxPageSize = DefaultMaxPageSize
	}
	if c.LockTimeout == 0 {
		c.LockTimeout = DefaultLockTimeout
	}
	if c.ResultCache == 0 {
		c.ResultCache = DefaultResultCache
	}
	return c
}
