package corpus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrTooLarge is wrapped by the error for a document over the size limit.
var ErrTooLarge = errors.New("document too large")

// Parse parses one document with DefaultConfig. See (*Parser).Parse.
func Parse(name string, r io.Reader) (Record, error) {
	p, err := NewParser(DefaultConfig())
	if err != nil {
		return Record{}, err
	}
	return p.Parse(name, r)
}

// Parse parses one document. name is its path relative to the corpus
// root (slash-separated); it becomes Source, gives the extension hint
// and, unless frontmatter has an id or uuid, the ID (Slug(name)). Callers
// may overwrite Source. Documents that are empty, binary (NUL bytes) or
// over the size limit are rejected with an error naming the reason;
// invalid UTF-8 is read as Latin-1, and malformed frontmatter is salvaged
// or skipped so the rest of the document still counts.
func (p *Parser) Parse(name string, r io.Reader) (Record, error) {
	raw, err := io.ReadAll(io.LimitReader(r, p.maxBytes+1))
	if err != nil {
		return Record{}, fmt.Errorf("parse %s: read: %w", name, err)
	}
	if int64(len(raw)) > p.maxBytes {
		return Record{}, fmt.Errorf("parse %s: %w: over the %d-byte limit", name, ErrTooLarge, p.maxBytes)
	}
	return p.parseBytes(name, raw, Defaults{})
}

// ParseFile opens name in fsys, checks its size before reading, and
// parses it.
func (p *Parser) ParseFile(fsys fs.FS, name string) (Record, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return Record{}, fmt.Errorf("parse %s: %w", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Record{}, fmt.Errorf("parse %s: %w", name, err)
	}
	if fi.IsDir() {
		return Record{}, fmt.Errorf("parse %s: is a directory", name)
	}
	if fi.Size() > p.maxBytes {
		return Record{}, fmt.Errorf("parse %s: %w: %d bytes, over the %d-byte limit", name, ErrTooLarge, fi.Size(), p.maxBytes)
	}
	d, derr := FolderDefaults(fsys, name)
	rec, err := p.ParseWithDefaults(name, f, d)
	if err == nil && derr != nil {
		// a bad hindsight.yaml is reported, not fatal
		rec.Warnings = append(rec.Warnings, fmt.Sprintf("%s: folder defaults left out: %v", name, derr))
	}
	return rec, err
}

// ParseWithDefaults is Parse with folder defaults (see Defaults) for
// what the document does not say: its organisation, services and the
// time zone of times written without one.
func (p *Parser) ParseWithDefaults(name string, r io.Reader, d Defaults) (Record, error) {
	if err := d.Validate(); err != nil {
		return Record{}, fmt.Errorf("parse %s: %w", name, err)
	}
	raw, err := io.ReadAll(io.LimitReader(r, p.maxBytes+1))
	if err != nil {
		return Record{}, fmt.Errorf("parse %s: read: %w", name, err)
	}
	if int64(len(raw)) > p.maxBytes {
		return Record{}, fmt.Errorf("parse %s: %w: over the %d-byte limit", name, ErrTooLarge, p.maxBytes)
	}
	return p.parseBytes(name, raw, d)
}

func (p *Parser) parseBytes(name string, raw []byte, d Defaults) (Record, error) {
	rec, _, err := p.parseDocument(name, raw, d)
	return rec, err
}

// parseDocument is parseBytes, also returning the parsed document.
func (p *Parser) parseDocument(name string, raw []byte, d Defaults) (Record, *document, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return Record{}, nil, fmt.Errorf("parse %s: empty document", name)
	}
	hashed := raw
	if u, ok := decodeUTF16(raw); ok { // Windows tools save UTF-16 with a BOM
		raw = u
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return Record{}, nil, fmt.Errorf("parse %s: binary content (NUL byte at offset %d)", name, i)
	}
	if looksBinary(raw) {
		return Record{}, nil, fmt.Errorf("parse %s: binary content (too many control characters)", name)
	}
	text := normalizeText(raw)
	if strings.TrimSpace(text) == "" {
		return Record{}, nil, fmt.Errorf("parse %s: empty document", name)
	}
	doc := p.document(name, text)
	doc.defaultZone = d.Timezone
	rec := p.extract(name, doc)
	applyDefaults(&rec, d)
	rec.Warnings = doc.warnings
	if strings.TrimSpace(rec.Body) == "" && len(doc.fm) == 0 {
		return Record{}, nil, fmt.Errorf("parse %s: no text content (only markup, scripts or empty frontmatter)", name)
	}
	rec.ContentHash = HashContent(hashed)
	rec.DefaultsHash = d.Hash()
	return rec, doc, nil
}

// decodeUTF16 decodes text that starts with a UTF-16 byte-order mark.
func decodeUTF16(b []byte) ([]byte, bool) {
	var order binary.ByteOrder
	switch {
	case len(b) >= 2 && b[0] == 0xff && b[1] == 0xfe:
		order = binary.LittleEndian
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		order = binary.BigEndian
	default:
		return nil, false
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 2; i+1 < len(b); i += 2 {
		u = append(u, order.Uint16(b[i:]))
	}
	return []byte(string(utf16.Decode(u))), true
}

// looksBinary reports whether more than 5% of the first 8 KiB are control
// characters other than white space.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			n++
		}
	}
	return n*20 > len(b)
}

// normalizeText decodes raw as UTF-8 (reading invalid bytes as Latin-1),
// drops a BOM and turns CRLF and lone CR line endings into LF.
func normalizeText(raw []byte) string {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	var s string
	if utf8.Valid(raw) {
		s = string(raw)
	} else {
		var sb strings.Builder
		sb.Grow(len(raw) + len(raw)/8)
		for len(raw) > 0 {
			r, size := utf8.DecodeRune(raw)
			if r == utf8.RuneError && size <= 1 {
				sb.WriteRune(rune(raw[0])) // Latin-1
				raw = raw[1:]
				continue
			}
			sb.Write(raw[:size])
			raw = raw[size:]
		}
		s = sb.String()
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// document splits off frontmatter, detects the format and turns the
// document into blocks.
func (p *Parser) document(name, text string) *document {
	fm, body, note := splitFrontMatter(text)
	var meta frontMatter
	switch detectMarkup(name, body) {
	case markupAsciiDoc:
		body, meta = asciidocToMarkdown(body)
	case markupRST:
		body = rstToMarkdown(body)
	}
	if lowerExt(name) == ".mdx" || strings.HasPrefix(body, "import ") || strings.HasPrefix(body, "export ") {
		body, meta = mdxPreamble(body)
	}
	for k, v := range meta {
		if fm == nil {
			fm = frontMatter{}
		}
		if _, ok := fm[k]; !ok {
			fm[k] = v
		}
	}
	doc := &document{fm: fm}
	if note != "" {
		doc.warnings = append(doc.warnings, fileLineNote(name, note))
	}
	doc.format = detectFormat(name, body)
	if meta != nil || detectMarkup(name, text) != markupNone {
		doc.format = FormatMarkdown
	}
	switch doc.format {
	case FormatHTML:
		htmlDocument(doc, body)
	case FormatMarkdown:
		doc.blocks = markdownBlocks(p.md, []byte(caretHeadings(body)))
	default:
		doc.blocks = textBlocks(body)
	}
	if ups := fm.statusUpdates(); len(ups) > 0 {
		doc.updates = ups
		doc.blocks = append(doc.blocks, updateBlocks(ups)...)
	}
	return doc
}

// updateBlocks are the messages of a status page's updates, kept in its
// frontmatter, as paragraphs of the document under a heading of their
// own after its body: they are its text too, the cause they state and
// the follow-ups they promise read like the body's.
func updateBlocks(ups []fmUpdate) []block {
	out := []block{{kind: blockHeading, level: 1, text: "Updates", checked: -1, update: true}}
	for _, u := range ups {
		if u.message != "" {
			out = append(out, block{kind: blockPara, text: u.message, checked: -1, update: true})
		}
	}
	return out
}

// fileLineNote turns a note "line 3: what" into "name:3: what".
func fileLineNote(name, note string) string {
	if rest, ok := strings.CutPrefix(note, "line "); ok {
		if n, what, ok := strings.Cut(rest, ": "); ok {
			return name + ":" + n + ": " + what
		}
	}
	return name + ": " + note
}
