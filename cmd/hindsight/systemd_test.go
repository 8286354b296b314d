package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSystemdUnit checks the example unit: with systemd-analyze verify
// where it is installed (any warning fails), and always with a parse check
// of the keys the README promises.
func TestSystemdUnit(t *testing.T) {
	raw, err := os.ReadFile("hindsight.service")
	if err != nil {
		t.Fatal(err)
	}
	sections := parseUnit(t, raw)
	want := map[string]map[string]string{
		"Service": {"Type": "notify", "Restart": "on-failure", "NotifyAccess": "main"},
		"Install": {"WantedBy": "multi-user.target"},
	}
	for sec, keys := range want {
		for k, v := range keys {
			if got := sections[sec][k]; got != v {
				t.Errorf("[%s] %s = %q, want %q", sec, k, got, v)
			}
		}
	}
	exe := sections["Service"]["ExecStart"]
	if !strings.Contains(exe, " serve ") {
		t.Errorf("ExecStart %q does not run 'serve'", exe)
	}

	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Log("systemd-analyze not installed; parse check only")
		return
	}
	// verify wants ExecStart's binary to exist: point it at this test binary.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	unit := filepath.Join(t.TempDir(), "hindsight.service")
	fixed := bytes.Replace(raw, []byte("/usr/local/bin/hindsight"), []byte(self), 1)
	if err := os.WriteFile(unit, fixed, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", unit).CombinedOutput()
	if err != nil {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "hindsight.service") {
			t.Errorf("systemd-analyze verify warns: %s", line)
		}
	}
}

// parseUnit reads a systemd unit into section → key → value, failing on
// lines that are neither comments, sections nor key=value.
func parseUnit(t *testing.T, raw []byte) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	cur := ""
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			cur = strings.Trim(line, "[]")
			out[cur] = map[string]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || cur == "" {
				t.Fatalf("hindsight.service:%d: not a key=value line: %q", n, line)
			}
			out[cur][strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out
}
