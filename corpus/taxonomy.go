package corpus

// Taxonomy is a set of root-cause categories with the weighted phrases
// and patterns that identify each. The default one is embedded; a team
// can load its own with LoadTaxonomy.
type Taxonomy struct {
	Categories []CategoryDef `yaml:"categories" json:"categories"`
}

// CategoryDef describes one root-cause category.
type CategoryDef struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
	// Rules are the weighted phrases/patterns that point at this category.
	Rules []Rule `yaml:"rules" json:"rules"`
}

// Rule is one weighted phrase or regular expression.
type Rule struct {
	Phrase string  `yaml:"phrase,omitempty" json:"phrase,omitempty"`
	Regex  string  `yaml:"regex,omitempty" json:"regex,omitempty"`
	Weight float64 `yaml:"weight" json:"weight"`
}

// ClassifyInput is the text of one document, split by how much it should
// count towards the root cause.
type ClassifyInput struct {
	// RootCause is the text of root-cause, trigger and contributing-factor
	// sections: it weighs most.
	RootCause string
	// Headline is the title and summary: it weighs next.
	Headline string
	// Rest is the remaining body text.
	Rest string
	// Declared holds categories or root-cause values stated in
	// frontmatter; known ones win over rules.
	Declared []string
}

// Classify tags a document with root-cause categories, primary first.
func (t *Taxonomy) Classify(in ClassifyInput) []Category {
	var out []Category
	for _, d := range in.Declared {
		for _, c := range t.Categories {
			if c.Name == d {
				out = append(out, Category{Name: d, Confidence: 1, Source: SourceFrontmatter})
			}
		}
	}
	return out
}
