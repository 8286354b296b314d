// Command train fits Hindsight's root-cause tagger on the hand-labelled
// postmortems and writes the embedded model file and its report:
//
//	go run ./corpus/classify/internal/train -corpora ../shared/corpora \
//	    -labels ../shared/corpora/labels.jsonl \
//	    -out corpus/classify/model.json -report corpus/classify/TAGGING.md
//
// It reads only the documents whose label has split "dev" or "train"
// (never "validation"), chooses the feature templates and regularisation
// by leave-one-organisation-out cross-validation, fits the chosen model on
// all of them, and prints the cross-validation table. The same inputs
// give the same bytes. With -check it refits only the setting the model
// file records and fails when the bytes differ (CI runs it, so that a
// change to the ingester cannot leave a model fitted on older records).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/corpus/classify"
)

func main() {
	corpora := flag.String("corpora", "../shared/corpora", "folder of labelled corpora; label paths are relative to its parent")
	labels := flag.String("labels", "", "labels file (default CORPORA/labels.jsonl)")
	out := flag.String("out", "corpus/classify/model.json", "model file to write")
	report := flag.String("report", "corpus/classify/TAGGING.md", "cross-validation report to write (empty: none)")
	quick := flag.Bool("quick", false, "skip the search: cross-validate and fit only the first candidate")
	only := flag.String("only", "", "cross-validate only the candidates whose name contains this text")
	verbose := flag.Bool("v", false, "print the documents the chosen setting gets wrong in cross-validation")
	check := flag.Bool("check", false, "refit the setting -out was fitted with, without the search, and fail when its bytes differ from -out's (a stale model)")
	flag.Parse()
	if *labels == "" {
		*labels = filepath.Join(*corpora, "labels.jsonl")
	}
	if *check {
		if err := checkModel(*corpora, *labels, *out, os.Stdout); err != nil {
			slog.Error("train -check", "err", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*corpora, *labels, *out, *report, *quick, *only, *verbose, os.Stdout); err != nil {
		slog.Error("train", "err", err)
		os.Exit(1)
	}
}

// label is the part of a labels.jsonl line the tagger learns from.
type label struct {
	Path     string   `json:"path"`
	Category string   `json:"category"`
	Also     []string `json:"also"`
	Split    string   `json:"split"`
}

// trainSplits are the only splits read. The validation split is never
// opened: it measures how the tagger does on organisations nobody tuned
// it on.
var trainSplits = map[string]bool{"dev": true, "train": true}

// readLabels returns the dev and train labels of file, in file order.
func readLabels(file string) ([]label, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []label
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var l label
		if err := json.Unmarshal(line, &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, n, err)
		}
		if !trainSplits[l.Split] {
			continue
		}
		if l.Path == "" || l.Category == "" {
			return nil, fmt.Errorf("%s:%d: path or category is empty", file, n)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// group returns the organisation of a label path: the folder under
// corpora/, or "seeds" for the seed documents, which count as one.
func group(path string) string {
	parts := strings.Split(path, "/")
	if len(parts) >= 3 && parts[0] == "corpora" {
		return parts[1]
	}
	return parts[0]
}

// examples parses the labelled documents. A document that cannot be read
// is reported and skipped.
func examples(root string, labels []label, w io.Writer) ([]classify.Example, error) {
	p, err := corpus.NewParser(corpus.DefaultConfig())
	if err != nil {
		return nil, err
	}
	var out []classify.Example
	for _, l := range labels {
		f, err := os.Open(filepath.Join(root, filepath.FromSlash(l.Path)))
		if err != nil {
			fmt.Fprintf(w, "skipped: %v\n", err)
			continue
		}
		in, _, err := p.TaggerInput(l.Path, f)
		f.Close()
		if err != nil {
			fmt.Fprintf(w, "skipped: %v\n", err)
			continue
		}
		out = append(out, classify.Example{Name: l.Path, Input: in, Label: l.Category, Also: l.Also, Group: group(l.Path)})
	}
	if len(out) == 0 {
		return nil, errors.New("no labelled documents could be read")
	}
	return out, nil
}

// descriptions returns one example per category of the taxonomy: its
// name as the title and its description as the root cause. They give
// every category, even one no labelled document has, an example of the
// words that describe it. Their group is "taxonomy", which
// cross-validation always trains on and never scores.
func descriptions(tax *corpus.Taxonomy) []classify.Example {
	var out []classify.Example
	for _, c := range tax.Categories {
		in := tax.TaggerInput(corpus.ClassifyInput{Title: c.Name, RootCause: c.Description})
		out = append(out, classify.Example{Name: "taxonomy:" + c.Name, Input: in, Label: c.Name, Group: classify.AlwaysTrain})
	}
	return out
}

// checkModel refits the setting the model in modelFile was fitted with
// (its features and parameters, one of the candidates) on the labelled
// documents as they parse today, and fails when the bytes differ: the
// model is then stale, fitted on what an earlier ingester read, and
// `go generate ./corpus/classify` refits it.
func checkModel(corporaDir, labelsFile, modelFile string, w io.Writer) error {
	raw, err := os.ReadFile(modelFile)
	if err != nil {
		return err
	}
	shipped, err := classify.Load(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("%s: %w", modelFile, err)
	}
	var cand *candidate
	for _, c := range candidates() {
		if c.features == shipped.Features && c.params == shipped.Params {
			cand = &c
			break
		}
	}
	if cand == nil {
		return fmt.Errorf("%s: its features and params are none of the candidates'", modelFile)
	}
	exs, classes, _, err := loadExamples(corporaDir, labelsFile, w)
	if err != nil {
		return err
	}
	m, err := classify.Fit(exs, classes, cand.features, cand.params)
	if err != nil {
		return err
	}
	var fresh bytes.Buffer
	if err := m.WriteJSON(&fresh); err != nil {
		return err
	}
	if !bytes.Equal(fresh.Bytes(), raw) {
		return fmt.Errorf("%s is stale: refitting %s on the documents as they parse today gives other weights (%d bytes, not %d); run go generate ./corpus/classify", modelFile, cand.name, fresh.Len(), len(raw))
	}
	fmt.Fprintf(w, "%s is current: %s, %d bytes\n", modelFile, cand.name, len(raw))
	return nil
}

// loadExamples reads the dev and train labels and turns each labelled
// document, and each taxonomy category's description, into an example;
// it returns them with the category names and the labels.
func loadExamples(corporaDir, labelsFile string, w io.Writer) ([]classify.Example, []string, []label, error) {
	abs, err := filepath.Abs(corporaDir)
	if err != nil {
		return nil, nil, nil, err
	}
	labels, err := readLabels(labelsFile)
	if err != nil {
		return nil, nil, nil, err
	}
	exs, err := examples(filepath.Dir(abs), labels, w)
	if err != nil {
		return nil, nil, nil, err
	}
	tax := corpus.DefaultTaxonomy()
	return append(exs, descriptions(tax)...), tax.Names(), labels, nil
}

func run(corporaDir, labelsFile, outFile, reportFile string, quick bool, only string, verbose bool, w io.Writer) error {
	exs, classes, labels, err := loadExamples(corporaDir, labelsFile, w)
	if err != nil {
		return err
	}
	cands := candidates()
	if only != "" {
		var keep []candidate
		for _, c := range cands {
			if strings.Contains(c.name, only) {
				keep = append(keep, c)
			}
		}
		if len(keep) == 0 {
			return fmt.Errorf("-only %q: no candidate's name contains it", only)
		}
		cands = keep
	}
	if quick {
		cands = cands[:1]
	}
	splits := map[string]string{}
	for _, l := range labels {
		splits[l.Path] = l.Split
	}
	res, err := search(exs, classes, cands, splits, w)
	if err != nil {
		return err
	}
	bi := bestIndex(res)
	if bi < 0 {
		return fmt.Errorf("-only %q: every candidate it selects adds the rule-hit features, which are measured, never shipped", only)
	}
	best := res[bi]
	m, err := classify.Fit(exs, classes, best.cand.features, best.cand.params)
	if err != nil {
		return err
	}
	var model bytes.Buffer
	if err := m.WriteJSON(&model); err != nil {
		return err
	}
	if err := os.WriteFile(outFile, model.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nchosen: %s\nmodel: %s, %d bytes, %d features\n\n", best.cand.name, outFile, model.Len(), len(m.Weights))
	if err := best.report.WriteTable(w, classes); err != nil {
		return err
	}
	if verbose {
		for _, m := range best.report.Misses {
			fmt.Fprintf(w, "miss: %-14s got %-14s lenient=%v  %s\n", m.Label, m.Got, m.Lenient, m.Name)
		}
	}
	if reportFile == "" {
		return nil
	}
	var doc bytes.Buffer
	if err := writeReport(&doc, exs, classes, res, bi, m, model.Len()); err != nil {
		return err
	}
	return os.WriteFile(reportFile, doc.Bytes(), 0o644)
}
