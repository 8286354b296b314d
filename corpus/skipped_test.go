package corpus

import (
	"testing"
	"testing/fstest"
)

func TestSkipReason(t *testing.T) {
	for name, skipped := range map[string]bool{
		"2024-01-outage.md": false, "notes": false, "v1.2 outage": false, "report.HTML": false,
		"slides.pdf": true, "diagram.PNG": true, "values.yaml": true,
		".DS_Store": true, "LICENSE": true, "COPYING.txt": true,
		"README.md": true, "postmortem-template.md": true,
	} {
		if got := SkipReason(name); (got != "") != skipped {
			t.Errorf("SkipReason(%q) = %q, want skipped=%v", name, got, skipped)
		}
		if skipFile(name) != skipped {
			t.Errorf("skipFile(%q) disagrees with SkipReason", name)
		}
	}
}

func TestCountSkipped(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("x")}
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		total int
		want  string
	}{
		{"empty", fstest.MapFS{}, 0, ""},
		{"only postmortems", fstest.MapFS{"a.md": file, "b/c.txt": file}, 0, ""},
		{"pdfs and furniture", fstest.MapFS{
			"a.md": file, "x.pdf": file, "old/y.pdf": file, "old/z.PDF": file, "README.md": file,
			"LICENSE": file, "deploy/values.yaml": file,
			".git/objects/ab": file, ".hidden.pdf": file, // hidden: never counted
		}, 6, "3 .pdf, 1 .yaml, 1 " + SkipReason("LICENSE") + ", 1 " + SkipReason("README.md")},
		{"many reasons", fstest.MapFS{
			"1.pdf": file, "2.png": file, "3.zip": file, "4.gif": file, "5.json": file, "6.csv": file, "7.go": file, "8.go": file,
		}, 8, "2 .go, 1 .csv, 1 .gif, 1 .json, 1 .pdf, 1 .png, and 1 more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CountSkipped(tt.fsys)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total() != tt.total || got.String() != tt.want {
				t.Errorf("CountSkipped = %d %q, want %d %q", got.Total(), got.String(), tt.total, tt.want)
			}
			// Walk reads exactly the files not counted (hidden ones aside).
			read := 0
			if err := Walk(tt.fsys, func(string, error) error { read++; return nil }); err != nil {
				t.Fatal(err)
			}
			hidden := 0
			for p := range tt.fsys {
				if p[0] == '.' {
					hidden++
				}
			}
			if read+got.Total()+hidden != len(tt.fsys) {
				t.Errorf("Walk read %d, %d skipped, %d hidden, of %d files", read, got.Total(), hidden, len(tt.fsys))
			}
		})
	}
}
