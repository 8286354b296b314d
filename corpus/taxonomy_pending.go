package corpus

// defaultTaxonomy returns the taxonomy a Parser uses when its Config has
// none. Until the embedded default taxonomy (DefaultTaxonomy, owned by
// the tagger) lands, it is a taxonomy with the 16 category names and no
// rules, so frontmatter-declared categories are still honoured.
func defaultTaxonomy() *Taxonomy {
	names := []string{"config-change", "deploy", "capacity", "third-party", "network", "dns",
		"certificate", "database", "storage", "hardware", "software-bug", "security",
		"process", "monitoring", "time", "data-loss"}
	t := &Taxonomy{}
	for _, n := range names {
		t.Categories = append(t.Categories, CategoryDef{Name: n})
	}
	return t
}
