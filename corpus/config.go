package corpus

import (
	"fmt"

	"github.com/yuin/goldmark"
)

// DefaultMaxBytes is the default size limit of one document: 10 MiB.
const DefaultMaxBytes int64 = 10 << 20

// Config configures a Parser.
type Config struct {
	// Taxonomy tags root causes; nil means DefaultTaxonomy().
	Taxonomy *Taxonomy
	// MaxBytes is the largest document accepted; larger ones are
	// rejected with a clear error. Zero means DefaultMaxBytes.
	MaxBytes int64
}

// DefaultConfig returns the configuration used by Parse.
func DefaultConfig() Config {
	return Config{MaxBytes: DefaultMaxBytes}
}

// Validate reports whether c can be used to build a Parser.
func (c Config) Validate() error {
	if c.MaxBytes < 0 {
		return fmt.Errorf("corpus config: MaxBytes must not be negative, got %d", c.MaxBytes)
	}
	return nil
}

// Parser turns postmortem documents into Records. It is safe for
// concurrent use: it holds only its immutable configuration.
type Parser struct {
	taxonomy *Taxonomy
	maxBytes int64
	// md is built once: goldmark parsers keep no per-document state, and
	// setting one up costs more than parsing a short document.
	md goldmark.Markdown
}

// MaxBytes returns the size of the largest document p accepts, so that
// callers reading files for it can refuse larger ones before reading.
func (p *Parser) MaxBytes() int64 { return p.maxBytes }

// NewParser returns a Parser for cfg, or the reason cfg is invalid.
func NewParser(cfg Config) (*Parser, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	p := &Parser{taxonomy: cfg.Taxonomy, maxBytes: cfg.MaxBytes, md: newMarkdown()}
	if p.maxBytes == 0 {
		p.maxBytes = DefaultMaxBytes
	}
	if p.taxonomy == nil {
		p.taxonomy = DefaultTaxonomy()
	}
	return p, nil
}
