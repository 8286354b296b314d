package ui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"path"
	"sort"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// StaticPrefix is the URL path, below the base path, under which
// content-hashed assets are served.
const StaticPrefix = "/static/"

// Options configure a UI.
type Options struct {
	// BasePath is the URL prefix the site lives under ("" or "/kb").
	BasePath string
	// Funcs are extra template functions; they may override nothing that
	// the UI defines itself.
	Funcs template.FuncMap
}

// Asset is one static file, with its content-hashed name.
type Asset struct {
	// Name is the file's plain name, e.g. "hindsight.css".
	Name string
	// Hashed is the name with a content hash, e.g. "hindsight.1a2b3c4d5e.css".
	Hashed      string
	ContentType string
	Data        []byte
	// ETag is a strong validator derived from the content.
	ETag string
}

// UI renders Hindsight's pages. Templates are parsed once, by New; a UI
// is safe for concurrent use.
type UI struct {
	basePath string
	pages    map[string]*template.Template
	byName   map[string]*Asset
	byHashed map[string]*Asset
}

// New parses every template and hashes every static asset.
func New(opts Options) (*UI, error) {
	u := &UI{
		basePath: strings.TrimRight(opts.BasePath, "/"),
		pages:    map[string]*template.Template{},
		byName:   map[string]*Asset{},
		byHashed: map[string]*Asset{},
	}
	if err := u.loadAssets(); err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"asset":    u.AssetURL,
		"url":      u.URL,
		"duration": FormatDuration,
		"plural":   plural,
		"month":    MonthYear,
		"add":      func(a, b int) int { return a + b },
	}
	for k, v := range opts.Funcs {
		if _, clash := funcs[k]; clash {
			return nil, fmt.Errorf("ui: template function %q is already defined", k)
		}
		funcs[k] = v
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(templateFS, "templates/_*.html")
	if err != nil {
		return nil, fmt.Errorf("ui: parse layout templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("ui: list templates: %w", err)
	}
	for _, n := range names {
		file := path.Base(n)
		if strings.HasPrefix(file, "_") {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("ui: clone layout for %s: %w", file, err)
		}
		if _, err := t.ParseFS(templateFS, n); err != nil {
			return nil, fmt.Errorf("ui: parse %s: %w", file, err)
		}
		u.pages[strings.TrimSuffix(file, ".html")] = t
	}
	return u, nil
}

func (u *UI) loadAssets() error {
	return fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return fmt.Errorf("ui: read %s: %w", p, err)
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(data)
		h := hex.EncodeToString(sum[:])[:12]
		ext := path.Ext(name)
		ctype := mime.TypeByExtension(ext)
		switch ext {
		case ".js":
			ctype = "text/javascript; charset=utf-8"
		case ".css":
			ctype = "text/css; charset=utf-8"
		case ".svg":
			ctype = "image/svg+xml"
		}
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a := &Asset{
			Name:        name,
			Hashed:      strings.TrimSuffix(name, ext) + "." + h + ext,
			ContentType: ctype,
			Data:        data,
			ETag:        `"` + h + `"`,
		}
		u.byName[a.Name] = a
		u.byHashed[a.Hashed] = a
		return nil
	})
}

// Pages lists the names of the page templates, sorted.
func (u *UI) Pages() []string {
	out := make([]string, 0, len(u.pages))
	for n := range u.pages {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Render executes page with data into w. It renders into a buffer first,
// so a failing template writes nothing.
func (u *UI) Render(w io.Writer, page string, data any) error {
	t, ok := u.pages[page]
	if !ok {
		return fmt.Errorf("ui: no page template %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "page", data); err != nil {
		return fmt.Errorf("ui: render %s: %w", page, err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// URL returns p (an absolute path such as "/search") below the base path.
func (u *UI) URL(p string) string {
	return u.basePath + p
}

// AssetURL returns the content-hashed URL of the static file name. An
// unknown name yields a URL that will 404, never a panic.
func (u *UI) AssetURL(name string) string {
	if a, ok := u.byName[name]; ok {
		return u.basePath + StaticPrefix + a.Hashed
	}
	return u.basePath + StaticPrefix + "missing/" + name
}

// Asset returns the asset with the given content-hashed name.
func (u *UI) Asset(hashed string) (*Asset, bool) {
	a, ok := u.byHashed[hashed]
	return a, ok
}

// File returns the asset with the given plain name (for files served at a
// fixed URL, such as widget.js).
func (u *UI) File(name string) (*Asset, bool) {
	a, ok := u.byName[name]
	return a, ok
}

// FormatDuration renders minutes as "47m", "2h 5m" or "3d 4h"; nil is "".
func FormatDuration(minutes *int) string {
	if minutes == nil {
		return ""
	}
	m := *minutes
	switch {
	case m < 0:
		return ""
	case m < 60:
		return fmt.Sprintf("%dm", m)
	case m < 24*60:
		if m%60 == 0 {
			return fmt.Sprintf("%dh", m/60)
		}
		return fmt.Sprintf("%dh %dm", m/60, m%60)
	default:
		d, h := m/(24*60), (m%(24*60))/60
		if h == 0 {
			return fmt.Sprintf("%dd", d)
		}
		return fmt.Sprintf("%dd %dh", d, h)
	}
}

// FormatHours writes a duration in hours and minutes, never days ("43m",
// "1h 25m", "26h", "70h 5m"), for values read against an axis in hours.
// A negative duration is "".
func FormatHours(minutes int) string {
	switch {
	case minutes < 0:
		return ""
	case minutes < 60:
		return fmt.Sprintf("%dm", minutes)
	case minutes%60 == 0:
		return fmt.Sprintf("%dh", minutes/60)
	default:
		return fmt.Sprintf("%dh %dm", minutes/60, minutes%60)
	}
}

// MonthYear turns a YYYY-MM-DD date into "March 2024"; other input is
// returned unchanged.
func MonthYear(date string) string {
	months := [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	if len(date) >= 7 && date[4] == '-' {
		var m int
		if _, err := fmt.Sscanf(date[5:7], "%d", &m); err == nil && m >= 1 && m <= 12 {
			return months[m-1] + " " + date[:4]
		}
	}
	return date
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
