package scorchx

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The on-disk layout scorch and zap use, read by the corruption checks
// before bleve opens an index: root.bolt's snapshots bucket and the
// CRC-32 footer of a zap segment file.

// SnapshotSegmentFiles returns the segment files that the newest snapshot in
// dir's root.bolt refers to; nil when root.bolt cannot be read, and an
// error that IsLockTimeout recognises when another process holds it.
func SnapshotSegmentFiles(dir string, timeout time.Duration) ([]string, error) {
	opts := *bolt.DefaultOptions
	opts.ReadOnly = true
	opts.Timeout = timeout
	opts.OpenFile = func(path string, _ int, mode os.FileMode) (*os.File, error) {
		return os.OpenFile(path, os.O_RDONLY, mode) // never create it
	}
	db, err := bolt.Open(filepath.Join(dir, "store", "root.bolt"), 0o600, &opts)
	if IsLockTimeout(err) {
		return nil, err
	}
	if err != nil {
		return nil, nil
	}
	var names []string
	_ = db.View(func(tx *bolt.Tx) error {
		snaps := tx.Bucket([]byte{'s'}) // scorch's snapshots bucket
		if snaps == nil {
			return nil
		}
		k, _ := snaps.Cursor().Last()
		if k == nil {
			return nil
		}
		snap := snaps.Bucket(k)
		if snap == nil {
			return nil
		}
		return snap.ForEach(func(k, _ []byte) error {
			if len(k) == 0 || k[0] == 'i' || k[0] == 'm' { // internal values, metadata
				return nil
			}
			if seg := snap.Bucket(k); seg != nil {
				if p := seg.Get([]byte{'p'}); p != nil {
					names = append(names, string(p))
				}
			}
			return nil
		})
	})
	_ = db.Close()
	return names, nil
}

// CheckSegmentFile verifies a zap segment's trailing CRC-32 (IEEE, over
// everything before it).
func CheckSegmentFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() < 4 {
		return fmt.Errorf("%d bytes, too short", fi.Size())
	}
	h := crc32.NewIEEE()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, fi.Size()-4)); err != nil {
		return err
	}
	var tail [4]byte
	if _, err := f.ReadAt(tail[:], fi.Size()-4); err != nil {
		return err
	}
	if want := binary.BigEndian.Uint32(tail[:]); want != h.Sum32() {
		return fmt.Errorf("checksum %08x, footer says %08x", h.Sum32(), want)
	}
	return nil
}
