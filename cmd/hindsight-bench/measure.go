package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// latencies collects durations and reports percentiles.
type latencies struct {
	d      []time.Duration
	errors int
}

func (l *latencies) add(d time.Duration) { l.d = append(l.d, d) }

// Summary is the distribution of one measured operation. Durations are in
// milliseconds.
type Summary struct {
	Name   string  `json:"name"`
	Count  int     `json:"count"`
	Errors int     `json:"errors"`
	P50    float64 `json:"p50_ms"`
	P95    float64 `json:"p95_ms"`
	P99    float64 `json:"p99_ms"`
	Max    float64 `json:"max_ms"`
	Mean   float64 `json:"mean_ms"`
	// PerSec is the throughput, for phases run for a fixed time.
	PerSec float64 `json:"per_sec,omitempty"`
	// CPUMS is the process CPU time per operation, for in-process phases:
	// a figure that other load on the machine does not inflate.
	CPUMS float64 `json:"cpu_ms,omitempty"`
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func (l *latencies) summary(name string) Summary {
	s := Summary{Name: name, Count: len(l.d), Errors: l.errors}
	if len(l.d) == 0 {
		return s
	}
	d := slices.Clone(l.d)
	slices.Sort(d)
	// Nearest-rank percentiles.
	at := func(p float64) time.Duration {
		i := int(p*float64(len(d))+0.999999) - 1
		return d[max(0, min(i, len(d)-1))]
	}
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	s.P50, s.P95, s.P99, s.Max = ms(at(0.50)), ms(at(0.95)), ms(at(0.99)), ms(d[len(d)-1])
	s.Mean = ms(sum / time.Duration(len(d)))
	return s
}

func (l *latencies) merge(o *latencies) {
	l.d = append(l.d, o.d...)
	l.errors += o.errors
}

// procStatus reads VmHWM (peak resident set) and VmRSS of a process from
// /proc, in bytes; pid 0 means this process.
func procStatus(pid int) (hwm, rss int64, err error) {
	kb, err := procStatusKB(pid, "VmHWM", "VmRSS")
	return kb["VmHWM"] * 1024, kb["VmRSS"] * 1024, err
}

// anonRSS reads RssAnon of a process, in bytes: its resident memory that
// is not a mapped file. The rest of a server's resident set is mostly the
// memory-mapped index, page cache the kernel reclaims under pressure.
func anonRSS(pid int) int64 {
	kb, _ := procStatusKB(pid, "RssAnon")
	return kb["RssAnon"] * 1024
}

// procStatusKB reads the given kB-valued keys of /proc/PID/status; pid 0
// means this process.
func procStatusKB(pid int, keys ...string) (map[string]int64, error) {
	p := "/proc/self/status"
	if pid > 0 {
		p = fmt.Sprintf("/proc/%d/status", pid)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("read memory use: %w", err)
	}
	defer f.Close()
	out := make(map[string]int64, len(keys))
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || !slices.Contains(keys, k) {
			continue
		}
		fields := strings.Fields(v)
		if len(fields) == 0 {
			continue
		}
		n, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("read memory use: %s: %w", k, err)
		}
		out[k] = n
	}
	return out, sc.Err()
}

// sampleAnonRSS records the largest RssAnon of pid every 100 ms until
// the returned function is called, which returns it.
func sampleAnonRSS(pid int) func() int64 {
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var m int64
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			m = max(m, anonRSS(pid))
			select {
			case <-done:
				peak <- m
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 { close(done); return <-peak }
}

// resetPeakRSS clears this process's VmHWM so the next phase measures its
// own peak (Linux ≥ 4.0: writing 5 to clear_refs).
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// dirSize is the total size of the regular files under dir.
func dirSize(dir string) (int64, int, error) {
	var n int64
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			n += fi.Size()
			files++
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("size of %s: %w", dir, err)
	}
	return n, files, nil
}

// evictPageCache asks the kernel to drop the cached pages of every file
// under dir, so that the next open reads from disk as after a reboot. It
// needs no privileges; pages another process has mapped stay resident.
func evictPageCache(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := unix.Fdatasync(int(f.Fd())); err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
		if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
			return fmt.Errorf("evict %s: %w", p, err)
		}
		return nil
	})
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// cpuTime is the user+system CPU time this process has used so far.
func cpuTime() time.Duration {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
