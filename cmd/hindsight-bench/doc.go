// Command hindsight-bench generates realistic synthetic postmortem corpora
// and measures Hindsight on them.
//
//	hindsight-bench gen --n 10000 --seed 1 --out /tmp/corpus-10k
//	hindsight-bench run --corpus /tmp/corpus-10k --json bench.json
//
// gen is deterministic: the same --n and --seed always produce
// byte-identical files, whatever the number of worker goroutines. Each
// document is generated from its own random source seeded by (seed, i).
//
// The generated documents cover every format the ingester reads (Markdown
// with YAML, TOML or JSON frontmatter and without, plain text with
// "Key: value" lines, HTML wiki pages with site chrome, status-page
// reports), all sixteen root-cause categories with a realistic skew, dozens
// of organisations with Zipf-distributed sizes, eight years of dates, and a
// vocabulary that keeps growing with the corpus the way natural text does.
package main
