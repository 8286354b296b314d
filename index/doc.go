// Package index is Hindsight's search engine, and the only package that
// imports bleve (with its sub-packages): the mapping, incremental build
// and update from a corpus, search with facets, similar incidents and
// trends. The query language is the sub-package index/query; bleve's
// internals are reached only through index/internal/scorchx.
//
// It returns concrete types of its own and never leaks bleve's.
//
// Keeping an index in step with its corpus folder has one owner here:
// Sync (once, incremental by content hash) and Watch (Sync again after
// every change to the folder); Exists tells whether a folder holds an
// index; Resolve maps what people type (a prefix, a file name, a path)
// to an id, or answers with the closest ids.
//
// How a search runs:
//
//   - The query language (query.ParseQuery) turns the text into words, phrases,
//     exclusions and filters; filters become keyword, date and numeric
//     queries.
//   - Words match on _text, every text field's terms in one field, and
//     are scored with BM25 on _text plus title, root cause and summary,
//     with the synonym groups.
//   - Facets, trends and the date and duration sorts read per-segment
//     tables built once from doc values (facettable.go), through bleve's
//     document-match hook, instead of visiting every hit's doc values.
//   - Fragments are cut from the stored text of the page's hits
//     (highlight.go).
//   - Results and trends are kept in an lru.Cache until the next write
//     (Generation); the server keeps its rendered pages in one too.
//
// Text is analysed (index/internal/analysis) by a word tokenizer (bleve's
// Unicode word boundaries, faster on ASCII), the possessive, lower-case
// and stop filters, and a Porter stemmer that remembers stems;
// AnalysedField builds the term frequencies and SumField the _text field.
package index
