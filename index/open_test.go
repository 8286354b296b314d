package index

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ctx := context.Background()
	ix, err := Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	recs := loadFixtures(t)
	if err := ix.Put(ctx, recs...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Rebuilt() != "" {
		t.Errorf("reopen rebuilt: %s", ix.Rebuilt())
	}
	if n, _ := ix.Count(); n != len(recs) {
		t.Errorf("Count after reopen = %d, want %d", n, len(recs))
	}
	res, err := ix.Search(ctx, Request{Query: "oom"})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != "pm-001" {
		t.Errorf("search after reopen: %v %v", res, err)
	}
}

func TestOpenSchemaChangeRebuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(context.Background(), loadFixtures(t)...); err != nil {
		t.Fatal(err)
	}
	// Pretend an older Hindsight wrote it.
	if err := ix.bi.SetInternal(schemaKey, []byte("0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !strings.Contains(ix.Rebuilt(), "schema version 0") {
		t.Errorf("Rebuilt() = %q", ix.Rebuilt())
	}
	if n, _ := ix.Count(); n != 0 {
		t.Errorf("rebuilt index holds %d docs", n)
	}
}

func TestOpenCorruptRebuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !strings.Contains(ix.Rebuilt(), "unreadable") {
		t.Errorf("Rebuilt() = %q", ix.Rebuilt())
	}
}

func TestOpenRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, DefaultConfig()); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("Open on a foreign folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Fatal("foreign file removed")
	}
}

func TestOpenLockedFailsFast(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cfg := DefaultConfig()
	cfg.LockTimeout = 300 * time.Millisecond
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		ix2, err := Open(dir, cfg)
		if err == nil {
			ix2.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("second Open: %v, want ErrLocked", err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("took %v", d)
		}
		if !strings.Contains(err.Error(), dir) {
			t.Errorf("error does not name the folder: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("second Open hangs")
	}
	// The first handle still works.
	if _, err := ix.Count(); err != nil {
		t.Fatal(err)
	}
}

// TestOpenLockedByOtherProcess holds the index in a child process (this
// test binary re-run as a helper) and checks that Open here fails with
// ErrLocked within the lock timeout instead of hanging.
func TestOpenLockedByOtherProcess(t *testing.T) {
	if dir := os.Getenv("HINDSIGHT_TEST_HOLD_INDEX"); dir != "" {
		ix, err := Open(dir, DefaultConfig())
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("ready")
		_, _ = io.Copy(io.Discard, os.Stdin) // hold until the parent closes stdin
		ix.Close()
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := filepath.Join(t.TempDir(), "idx")
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenLockedByOtherProcess$")
	cmd.Env = append(os.Environ(), "HINDSIGHT_TEST_HOLD_INDEX="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "ready" {
		t.Fatalf("helper: %q %v", line, err)
	}
	cfg := DefaultConfig()
	cfg.LockTimeout = 500 * time.Millisecond
	start := time.Now()
	ix, err := Open(dir, cfg)
	if err == nil {
		ix.Close()
		t.Fatal("Open succeeded on an index held by another process")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Open took %v with a 500ms lock timeout", d)
	}
}

func TestOpenUnwritableStore(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions")
	}
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := os.Chmod(filepath.Join(dir, "store"), 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(dir, "store"), 0o700)
	_, err = Open(dir, DefaultConfig())
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Fatalf("Open on a read-only index: %v", err)
	}
	if !isBleveIndex(dir) {
		t.Error("read-only index was removed")
	}
}
