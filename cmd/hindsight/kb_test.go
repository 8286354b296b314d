package main

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestKnowledgeBaseResolution checks where a command's corpus and index
// come from: the flag, then HINDSIGHT_CORPUS (through the flag), then
// the config file, then the samples; and that each corpus gets an index
// folder of its own.
func TestKnowledgeBaseResolution(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	cache := filepath.Join(home, "cache", "hindsight")
	teamA, teamB := filepath.Join(home, "a", "postmortems"), filepath.Join(home, "b", "postmortems")
	confDir := filepath.Join(home, "config", "hindsight")
	if err := os.MkdirAll(confDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeConf := func(s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(confDir, "config.yaml"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := &cliEnv{getenv: os.Getenv}
	resolve := func(o kbOptions) knowledgeBase {
		t.Helper()
		kb, err := o.resolve(env)
		if err != nil {
			t.Fatal(err)
		}
		return kb
	}

	kb := resolve(kbOptions{})
	if kb.corpus != "" || kb.indexDir != filepath.Join(cache, "samples", "index") || !kb.buildable {
		t.Errorf("no flags, no config: %+v", kb)
	}
	a, b := resolve(kbOptions{corpus: teamA}), resolve(kbOptions{corpus: teamB})
	if a.corpus != teamA || a.indexDir == b.indexDir || !strings.HasPrefix(a.indexDir, cache) || !strings.Contains(a.indexDir, "postmortems-") {
		t.Errorf("two corpora with the same folder name: %s and %s", a.indexDir, b.indexDir)
	}
	if again := resolve(kbOptions{corpus: teamA + "/"}); again.indexDir != a.indexDir {
		t.Errorf("the same corpus spelled differently gets another index: %s vs %s", again.indexDir, a.indexDir)
	}
	if kb := resolve(kbOptions{dir: filepath.Join(home, "idx")}); kb.buildable {
		t.Error("an --index alone, with no corpus named, may be filled with the samples")
	}

	writeConf("corpus: ~/a/postmortems\ntaxonomy: tax.yaml\n")
	kb = resolve(kbOptions{})
	if kb.corpus != teamA || kb.indexDir != a.indexDir || kb.taxonomy != filepath.Join(confDir, "tax.yaml") {
		t.Errorf("from the config file: %+v", kb)
	}
	if kb := resolve(kbOptions{corpus: teamB}); kb.corpus != teamB {
		t.Errorf("the flag does not win over the config file: %+v", kb)
	}

	// HINDSIGHT_CORPUS sets --corpus, so it wins over the file too.
	var got *kbOptions
	fs := newFlagSet(&cliEnv{stderr: os.Stderr}, "x", "", "")
	got = kbFlags(fs)
	if err := parseFlags(&cliEnv{getenv: func(k string) string {
		if k == "HINDSIGHT_CORPUS" {
			return teamB
		}
		return ""
	}}, fs, nil); err != nil {
		t.Fatal(err)
	}
	if kb := resolve(*got); kb.corpus != teamB {
		t.Errorf("HINDSIGHT_CORPUS: %+v", kb)
	}

	writeConf("corpus: x\ncorpse: y\n")
	if _, err := (&kbOptions{}).resolve(env); err == nil || !strings.Contains(err.Error(), "corpse") || !strings.Contains(err.Error(), "config.yaml") {
		t.Errorf("a misspelt key: %v", err)
	}
}

func TestListenAddr(t *testing.T) {
	for in, want := range map[string]string{
		"8095": "127.0.0.1:8095", ":8095": ":8095", "0.0.0.0:80": "0.0.0.0:80", "localhost:9000": "localhost:9000", "99999": "99999",
	} {
		if got := listenAddr(in); got != want {
			t.Errorf("listenAddr(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTwoCorporaKeepTheirIndexes serves one corpus, then another, with
// the default index folders: the second never touches the first's index,
// which the CLI then reads as it was.
func TestTwoCorporaKeepTheirIndexes(t *testing.T) {
	bin := hindsightBinary(t)
	home := t.TempDir()
	env := []string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"), "XDG_CONFIG_HOME=" + filepath.Join(home, ".config")}
	a, b := t.TempDir(), t.TempDir()
	writeCorpus(t, a, "kestrel", 3)
	writeCorpus(t, b, "plover", 2)
	for _, dir := range []string{a, b} {
		s := startServe(t, env, "--corpus", dir)
		s.waitReady(t, 20*time.Second)
		if strings.Contains(s.log(), "removed=") && !strings.Contains(s.log(), "removed=0") {
			t.Errorf("serving %s removed documents:\n%s", dir, s.log())
		}
		s.stop(t)
	}
	cmd := exec.Command(bin, "search", "--corpus", a, "kestrel")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "3 incidents") || strings.Contains(string(out), "indexing") {
		t.Errorf("the first corpus's index after serving the second: %v\n%s", err, out)
	}
}

func TestBannerAndClientURL(t *testing.T) {
	for _, tc := range []struct {
		addr, base, site, client string
	}{
		{"127.0.0.1:8080", "", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/"},
		{"0.0.0.0:8080", "/kb", "http://localhost:8080/kb/ (listening on every interface)", "http://127.0.0.1:8080/kb/"},
		{"[::]:9000", "", "http://localhost:9000/ (listening on every interface)", "http://127.0.0.1:9000/"},
		{"192.0.2.4:80", "", "http://192.0.2.4:80/", "http://192.0.2.4:80/"},
	} {
		a, err := net.ResolveTCPAddr("tcp", tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := siteURL(a, tc.base); got != tc.site {
			t.Errorf("siteURL(%s) = %q, want %q", tc.addr, got, tc.site)
		}
		if got := clientURL(a, tc.base); got != tc.client {
			t.Errorf("clientURL(%s) = %q, want %q", tc.addr, got, tc.client)
		}
	}
}
