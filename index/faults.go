package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/hindsight-kb/hindsight/index/internal/scorchx"
)

// This file holds what Open does about index folders it cannot simply
// use: damaged segment files (bleve panics on some), and folders it may
// not write to (a read-only mount), which are opened for searching only.

// ErrReadOnly is wrapped by the errors of Sync, Put and Delete on an
// index opened read-only (its folder cannot be written).
var ErrReadOnly = errors.New("index is read-only")

// openBleve opens an existing bleve index, turning a panic inside bleve
// (zap segments are trusted; a truncated one makes it slice out of range)
// into an error, so that a damaged index is rebuilt instead of crashing
// the process on every start.
func openBleve(dir string, runtime map[string]interface{}) (bi bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			bi, err = nil, fmt.Errorf("damaged index (bleve: %v)", r)
		}
	}()
	return bleve.OpenUsing(dir, runtime)
}

// damagedSegments returns the segment files that the newest snapshot
// recorded in dir's root.bolt refers to and that are missing or whose
// CRC-32 footer does not match their content. Such a segment can open
// and then fail, or panic, in the middle of a search or a merge;
// checking them once at Open costs one sequential read of the index.
// Segment files no snapshot refers to (a crash can leave one half
// written) are not checked: opening the index removes them. When
// root.bolt cannot be read here, nil is returned and opening the index
// reports the problem; when another process holds it, the error wraps
// ErrLocked.
func damagedSegments(dir string, timeout time.Duration) ([]string, error) {
	return recordSegments(dir, timeout, scorchx.CheckSegmentFile)
}

// recordSegments lists the snapshot's segments that are missing or fail
// check, and when none does, records them all as verified. Segments the
// record already holds with their current size and time are not checked
// again; a nil check trusts every segment (see recordClosedSegments).
func recordSegments(dir string, timeout time.Duration, check func(path string) error) ([]string, error) {
	names, err := scorchx.SnapshotSegmentFiles(dir, timeout)
	if scorchx.IsLockTimeout(err) {
		return nil, fmt.Errorf("open index %s: %w (waited %v; is another hindsight running?)", dir, ErrLocked, timeout)
	}
	if err != nil || names == nil {
		return nil, nil
	}
	var bad []string
	store := filepath.Join(dir, "store")
	before := readVerified(store)
	after := make(verifiedSegments, len(names))
	for _, name := range names {
		if name != filepath.Base(name) {
			bad = append(bad, fmt.Sprintf("%q: not a file name", name))
			continue
		}
		path := filepath.Join(store, name)
		fi, err := os.Stat(path)
		if err == nil {
			v := verifiedSegment{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
			if before[name] == v || check == nil {
				after[name] = v
				continue
			}
			if err = check(path); err == nil {
				after[name] = v
				continue
			}
		}
		bad = append(bad, name+": "+unwrapPath(err).Error())
	}
	if len(bad) == 0 && !maps.Equal(before, after) {
		writeVerified(store, after)
	}
	return bad, nil
}

// Segment files never change once written (merges write new ones), so a
// segment whose CRC matched at one Open needs no second reading at the
// next: verifiedFile records, per segment, the size and modification time
// it had when it was checked. A segment written since, or changed behind
// the index's back (which changes its size or time), is checked again.
// Reopening a 100k index thus reads what changed, not 1.4 GiB. Close
// records the segments of a cleanly closed index the same way: this
// process wrote them (or verified them at Open) and they are complete;
// after a crash nothing is recorded and the next Open checks them.
const verifiedFile = "hindsight-verified.json"

type verifiedSegment struct {
	Size    int64 `json:"size"`
	ModTime int64 `json:"mtime_ns"`
}

type verifiedSegments map[string]verifiedSegment

// readVerified returns the record in store, or nil when there is none or
// it cannot be read (then every segment is checked).
func readVerified(store string) verifiedSegments {
	b, err := os.ReadFile(filepath.Join(store, verifiedFile))
	if err != nil {
		return nil
	}
	var v verifiedSegments
	if json.Unmarshal(b, &v) != nil {
		return nil
	}
	return v
}

// writeVerified replaces the record atomically. Failing to write it only
// costs a check at the next Open, so errors are dropped (a read-only
// index never has one written).
func writeVerified(store string, v verifiedSegments) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	tmp := filepath.Join(store, verifiedFile+".tmp")
	if os.WriteFile(tmp, b, 0o644) != nil {
		return
	}
	if os.Rename(tmp, filepath.Join(store, verifiedFile)) != nil {
		_ = os.Remove(tmp)
	}
}

// writable reports whether files can be created in dir (or, when dir
// does not exist yet, in its nearest existing parent). It probes rather
// than reading permission bits, which say nothing about read-only mounts
// and are ignored for root. Only "read-only file system" and "permission
// denied" count as not writable; other errors are left to Open.
func writable(dir string) (bool, error) {
	d := dir
	for {
		if fi, err := os.Stat(d); err == nil {
			if !fi.IsDir() {
				return true, nil // Open reports it
			}
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			return true, nil
		}
		d = parent
	}
	f, err := os.CreateTemp(d, ".hindsight-probe-*")
	if err == nil {
		name := f.Name()
		f.Close()
		os.Remove(name)
		return true, nil
	}
	if errors.Is(err, syscall.EROFS) || errors.Is(err, os.ErrPermission) {
		return false, err
	}
	return true, nil
}

// openReadOnly opens the index in dir for searching only, because the
// folder cannot be written (probeErr says why). Nothing in dir is
// changed: an index that is missing, unreadable or from another schema
// is an error, since it cannot be rebuilt there.
func openReadOnly(ix *Index, dir string, cfg Config, probeErr error) (*Index, error) {
	ix.readOnly = fmt.Sprintf("index folder %s is not writable (%v); opened for searching only", dir, unwrapPath(probeErr))
	if !isBleveIndex(dir) {
		return nil, fmt.Errorf("open index %s: folder is not writable (%v) and holds no index to read", dir, unwrapPath(probeErr))
	}
	bad, err := damagedSegments(dir, cfg.LockTimeout)
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("open index %s read-only: damaged segments (%s), and the folder is not writable so it cannot be rebuilt there", dir, strings.Join(bad, "; "))
	}
	runtime := scorchx.Runtime(cfg.LockTimeout, true)
	bi, err := openBleve(dir, runtime)
	if scorchx.IsLockTimeout(err) {
		return nil, fmt.Errorf("open index %s: %w (waited %v; is another hindsight running?)", dir, ErrLocked, cfg.LockTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s read-only: unreadable (%v), and the folder is not writable so it cannot be rebuilt there", dir, err)
	}
	v, verr := bi.GetInternal(schemaKey)
	if verr != nil || string(v) != strconv.Itoa(SchemaVersion) {
		_ = bi.Close()
		return nil, fmt.Errorf("open index %s read-only: schema version %q, want %d, and the folder is not writable so it cannot be rebuilt there", dir, v, SchemaVersion)
	}
	ix.bi = bi
	ix.loadScoreStats()
	ix.warmTables()
	return ix, nil
}

// unwrapPath drops the *PathError wrapper of a probe error (its path is
// a temporary name).
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadOnly returns why the index was opened read-only (its folder cannot
// be written), or "" for a writable index. Sync, Put and Delete on a
// read-only index fail with ErrReadOnly; searches work.
func (ix *Index) ReadOnly() string { return ix.readOnly }

// checkWritable is the guard of every write.
func (ix *Index) checkWritable() error {
	if ix.readOnly != "" {
		return fmt.Errorf("%w: %s", ErrReadOnly, ix.readOnly)
	}
	return nil
}

// recordClosedSegments notes the segments of a cleanly closed index as
// verified (see verifiedFile).
func recordClosedSegments(dir string) {
	_, _ = recordSegments(dir, time.Second, nil)
}
