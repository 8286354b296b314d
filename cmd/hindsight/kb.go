package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

// kbOptions are the flags every command that uses the knowledge base
// shares: the corpus, where its index is, and the taxonomy and synonyms
// to use instead of the built-in ones. Unset, each comes from the user's
// configuration file, and then from the defaults: the bundled samples,
// with an index in the user cache folder of their own.
type kbOptions struct {
	corpus   string
	dir      string
	taxonomy string
	synonyms string
}

// kbFlags adds --corpus, --index, --taxonomy and --synonyms to a flag set.
func kbFlags(fs *flag.FlagSet) *kbOptions {
	o := &kbOptions{}
	fs.StringVar(&o.corpus, "corpus", "", "corpus `folder` of postmortems (default: 'corpus:' in the config file, else the bundled samples)")
	fs.StringVar(&o.dir, "index", "", "index `folder` (default: one per corpus in the user cache folder, e.g. ~/.cache/hindsight/samples/index)")
	fs.StringVar(&o.taxonomy, "taxonomy", "", "root-cause taxonomy YAML `file` (default: the built-in one)")
	fs.StringVar(&o.synonyms, "synonyms", "", "synonym groups YAML `file` (default: the built-in SRE set)")
	return o
}

// userConfig is the optional configuration file, config.yaml in the
// user config folder (e.g. ~/.config/hindsight/config.yaml), or the file
// $HINDSIGHT_CONFIG names. Relative paths in it are relative to the file.
type userConfig struct {
	Corpus   string `yaml:"corpus"`
	Index    string `yaml:"index"`
	Taxonomy string `yaml:"taxonomy"`
	Synonyms string `yaml:"synonyms"`
}

// configPath is the configuration file to read, "" when there is no user
// config folder.
func configPath(env *cliEnv) string {
	if p := env.getenv("HINDSIGHT_CONFIG"); p != "" {
		return p
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "hindsight", "config.yaml")
}

// loadUserConfig reads the configuration file; a missing one is empty.
func loadUserConfig(path string) (userConfig, error) {
	var c userConfig
	if path == "" {
		return c, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return c, fmt.Errorf("config %s: %w (known keys: corpus, index, taxonomy, synonyms)", path, err)
	}
	base := filepath.Dir(path)
	for _, p := range []*string{&c.Corpus, &c.Index, &c.Taxonomy, &c.Synonyms} {
		*p = expandPath(*p, base)
	}
	return c, nil
}

// expandPath resolves ~/ and a path relative to base.
func expandPath(p, base string) string {
	if p == "" {
		return ""
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, p[1:])
		}
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	return p
}

// knowledgeBase is what a command works on, resolved from the flags, the
// configuration file and the defaults.
type knowledgeBase struct {
	// corpus is the corpus folder; "" means the bundled samples.
	corpus   string
	indexDir string
	taxonomy string
	synonyms string
	// buildable is set when the index folder is the corpus's own (not
	// named alone): a command may then build a missing index from the
	// corpus.
	buildable bool
}

// label names the corpus for people.
func (kb knowledgeBase) label() string {
	if kb.corpus == "" {
		return "built-in samples"
	}
	return kb.corpus
}

// resolve fills what the flags leave unset from the configuration file
// and the defaults.
func (o *kbOptions) resolve(env *cliEnv) (knowledgeBase, error) {
	uc, err := loadUserConfig(configPath(env))
	if err != nil {
		return knowledgeBase{}, err
	}
	pick := func(flagValue, configValue string) string {
		if flagValue != "" {
			return flagValue
		}
		return configValue
	}
	kb := knowledgeBase{corpus: pick(o.corpus, uc.Corpus), indexDir: pick(o.dir, uc.Index),
		taxonomy: pick(o.taxonomy, uc.Taxonomy), synonyms: pick(o.synonyms, uc.Synonyms)}
	if kb.corpus != "" {
		kb.corpus = absPath(kb.corpus)
	}
	kb.buildable = kb.indexDir == "" || kb.corpus != ""
	if kb.indexDir == "" {
		if kb.indexDir, err = defaultIndexDir(kb.corpus); err != nil {
			return kb, err
		}
	}
	kb.indexDir = absPath(kb.indexDir)
	return kb, nil
}

// defaultIndexDir is the index folder of a corpus when none is given: in
// the user cache folder (an index is always rebuilt from its corpus), one
// per corpus path, so that two corpora never share one —
// ~/.cache/hindsight/samples/index for the bundled samples,
// ~/.cache/hindsight/<folder name>-<hash of its path>/index for a folder.
func defaultIndexDir(corpusDir string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no --index given and no user cache folder: %w", err)
	}
	return filepath.Join(dir, "hindsight", corpusKey(corpusDir), "index"), nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// corpusKey names a corpus's cache folder: "samples", or the folder's
// name and a hash of its absolute path (links resolved).
func corpusKey(corpusDir string) string {
	if corpusDir == "" {
		return "samples"
	}
	p := absPath(corpusDir)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	sum := sha256.Sum256([]byte(p))
	name := strings.Trim(unsafeName.ReplaceAllString(filepath.Base(p), "_"), "._")
	if name == "" {
		name = "corpus"
	}
	return name[:min(len(name), 40)] + "-" + hex.EncodeToString(sum[:6])
}

// indexConfig is the index configuration: the taxonomy and synonyms set
// once here for every command.
func (kb knowledgeBase) indexConfig() (index.Config, error) {
	cfg := index.DefaultConfig()
	if kb.taxonomy != "" {
		tax, err := loadTaxonomyFile(kb.taxonomy)
		if err != nil {
			return cfg, err
		}
		cfg.Taxonomy = tax
		pc := corpus.DefaultConfig()
		pc.Taxonomy = tax
		if cfg.Parser, err = corpus.NewParser(pc); err != nil {
			return cfg, err
		}
	}
	if kb.synonyms != "" {
		b, err := os.ReadFile(kb.synonyms)
		if err != nil {
			return cfg, fmt.Errorf("--synonyms: %w", err)
		}
		cfg.Synonyms = bytes.NewReader(b)
	}
	return cfg, cfg.Validate()
}

// openCorpus returns the corpus as a file system: the folder, opened so
// that symbolic links cannot lead outside it, or the bundled samples.
func (kb knowledgeBase) openCorpus() (fsys fs.FS, closeFn func(), err error) {
	if kb.corpus == "" {
		return corpus.Samples(), func() {}, nil
	}
	root, err := os.OpenRoot(kb.corpus)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus: %w", err)
	}
	return root.FS(), func() { root.Close() }, nil
}
