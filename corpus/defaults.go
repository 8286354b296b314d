package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// DefaultsFile is the name of a folder's defaults file; ".hindsight.yaml"
// is read too.
const DefaultsFile = "hindsight.yaml"

// maxDefaultsBytes bounds a defaults file.
const maxDefaultsBytes = 64 << 10

// Defaults are values a folder's hindsight.yaml gives the documents
// below it, for what a document does not say itself:
//
//	organization: Fernhill
//	timezone: Europe/Berlin   # or an abbreviation: CET, PST, UTC
//	services: [ledger, payments]
//
// The nearest folder's value wins; a document's own value wins over any
// folder's.
type Defaults struct {
	Organization string   `yaml:"organization"`
	Timezone     string   `yaml:"timezone"`
	Services     []string `yaml:"services"`
}

// Validate checks that the time zone is a known abbreviation or an IANA
// zone name.
func (d Defaults) Validate() error {
	if d.Timezone == "" {
		return nil
	}
	if zoneLocation(d.Timezone) == nil {
		return fmt.Errorf("timezone %q: not a known zone abbreviation or IANA zone name", d.Timezone)
	}
	return nil
}

// Hash returns a hex SHA-256 of the defaults, "" when they are empty. A
// record depends on its document's bytes and on these: Record.DefaultsHash
// holds it so that an index can tell a changed hindsight.yaml.
func (d Defaults) Hash() string {
	if d.Organization == "" && d.Timezone == "" && len(d.Services) == 0 {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "organization=%q\ntimezone=%q\n", d.Organization, d.Timezone)
	for _, s := range d.Services {
		fmt.Fprintf(h, "service=%q\n", s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// under returns d with the fields it leaves empty taken from outer (the
// defaults of a folder further up).
func (d Defaults) under(outer Defaults) Defaults {
	if d.Organization == "" {
		d.Organization = outer.Organization
	}
	if d.Timezone == "" {
		d.Timezone = outer.Timezone
	}
	if len(d.Services) == 0 {
		d.Services = outer.Services
	}
	return d
}

// zoneLocation resolves a zone abbreviation ("CET", "PST") or an IANA
// name ("Europe/Berlin"), or returns nil.
func zoneLocation(z string) *time.Location {
	z = strings.TrimSpace(z)
	if loc := fixedZone(z, "", "", "", 0); loc != nil {
		return loc
	}
	if !strings.Contains(z, "/") && !strings.EqualFold(z, "UTC") {
		return nil
	}
	loc, err := time.LoadLocation(z)
	if err != nil {
		return nil
	}
	return loc
}

// LoadDefaults reads a hindsight.yaml. Unknown keys are an error naming
// the key, so a misspelt "organisation" does not pass unnoticed.
func LoadDefaults(r io.Reader) (Defaults, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxDefaultsBytes+1))
	if err != nil {
		return Defaults{}, fmt.Errorf("read defaults: %w", err)
	}
	if len(raw) > maxDefaultsBytes {
		return Defaults{}, fmt.Errorf("defaults: over the %d-byte limit", maxDefaultsBytes)
	}
	var d Defaults
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil && !errors.Is(err, io.EOF) {
		return Defaults{}, fmt.Errorf("defaults: %w", err)
	}
	d.Organization = strings.TrimSpace(d.Organization)
	d.Timezone = strings.TrimSpace(d.Timezone)
	if err := d.Validate(); err != nil {
		return Defaults{}, fmt.Errorf("defaults: %w", err)
	}
	return d, nil
}

// isDefaultsFile reports whether base names a folder defaults file.
func isDefaultsFile(base string) bool {
	return base == DefaultsFile || base == "."+DefaultsFile
}

// FolderDefaults returns the defaults for the document name in fsys: the
// hindsight.yaml (or .hindsight.yaml) files of its folder and every
// folder above it to the root, the nearest winning field by field. A
// defaults file that cannot be read or decoded is left out and named in
// the error; the defaults returned are still those of the others, so one
// bad file never stops a folder's documents from being read.
func FolderDefaults(fsys fs.FS, name string) (Defaults, error) {
	var d Defaults
	var errs []error
	dir := path.Dir(name)
	for depth := 0; depth <= maxWalkDepth; depth++ {
		here, err := dirDefaults(fsys, dir)
		if err != nil {
			errs = append(errs, err)
		}
		d = d.under(here)
		if dir == "." || dir == "/" || dir == "" {
			break
		}
		dir = path.Dir(dir)
	}
	return d, errors.Join(errs...)
}

// dirDefaults reads the defaults file of one folder, if any.
func dirDefaults(fsys fs.FS, dir string) (Defaults, error) {
	for _, base := range []string{DefaultsFile, "." + DefaultsFile} {
		p := path.Join(dir, base)
		f, err := fsys.Open(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Defaults{}, fmt.Errorf("%s: %w", p, err)
		}
		d, err := LoadDefaults(f)
		f.Close()
		if err != nil {
			return Defaults{}, fmt.Errorf("%s: %w", p, err)
		}
		return d, nil
	}
	return Defaults{}, nil
}

// applyDefaults fills what the document left empty from d.
func applyDefaults(rec *Record, d Defaults) {
	if rec.Organization == "" {
		rec.Organization = d.Organization
	}
	if len(rec.Services) == 0 && len(d.Services) > 0 {
		rec.Services = append([]string(nil), d.Services...)
	}
}
