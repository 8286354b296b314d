package corpus

import (
	"fmt"
	"os"
	"testing"
)

func TestDbgBlocks(t *testing.T) {
	f := os.Getenv("DBG_FILE")
	if f == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(f)
	p, _ := NewParser(DefaultConfig())
	doc := p.document(f, normalizeText(raw))
	annotateHeadings(doc.blocks)
	kinds := assignSections(doc.blocks)
	for i, b := range doc.blocks {
		fmt.Printf("%3d k=%d kind=%d lv=%d hk=%d chk=%d | %.100s\n", i, kinds[i], b.kind, b.level, b.hk, b.checked, b.text)
	}
}
