package index

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index/internal/editdist"
)

var (
	samplesOnce sync.Once
	samplesIx   *Index
	samplesErr  error
)

// samplesIndex is an in-memory index of the bundled samples, built once.
func samplesIndex(t *testing.T) *Index {
	t.Helper()
	samplesOnce.Do(func() {
		samplesIx, samplesErr = OpenMemory(DefaultConfig())
		if samplesErr == nil {
			_, samplesErr = samplesIx.Sync(context.Background(), corpus.Samples(), ".", nil)
		}
	})
	if samplesErr != nil {
		t.Fatal(samplesErr)
	}
	return samplesIx
}

func TestResolveSamples(t *testing.T) {
	ix := samplesIndex(t)
	const ledger = "fernhill-2024-01-31-ledger-pool-exhaustion-reconciliation-job"
	for _, tc := range []struct {
		key, want string
	}{
		{ledger, ledger},
		{"fernhill/2024-01-31-ledger-pool-exhaustion-reconciliation-job.md", ledger},                // source
		{"corpus/samples/fernhill/2024-01-31-ledger-pool-exhaustion-reconciliation-job.md", ledger}, // a longer path
		{"2024-01-31-ledger-pool-exhaustion-reconciliation-job", ledger},                            // file name without extension
		{"2024-01-31-ledger-pool-exhaustion-reconciliation-job.md", ledger},                         // file name
		{"2024-01-31-ledger-pool-exhaustion", ledger},                                               // start of the file name
		{"fernhill-2024-01-31-ledger", ledger},                                                      // start of the id
		{"FERNHILL-2024-01-31-LEDGER", ledger},                                                      // case
		{"ledger-pool-exhaustion-reconciliation", ledger},                                           // part of the id
	} {
		t.Run(tc.key, func(t *testing.T) {
			got, err := ix.Resolve(context.Background(), tc.key)
			if err != nil || got != tc.want {
				t.Fatalf("Resolve(%q) = %q, %v; want %q", tc.key, got, err, tc.want)
			}
		})
	}
}

func TestResolveSuggests(t *testing.T) {
	ix := samplesIndex(t)
	for _, tc := range []struct {
		key       string
		ambiguous bool
		mention   string // one id the suggestions must hold
	}{
		{"fernhill-2024", true, "fernhill-2024-01-31-ledger-pool-exhaustion-reconciliation-job"},
		{"ledger", true, "fernhill-2022-09-27-ledger-connection-pool-exhaustion-month-end"},
		{"2024-01-31-ledger-pool-exhausted", false, "fernhill-2024-01-31-ledger-pool-exhaustion-reconciliation-job"},
		{"ledgr-pool-exhaustion-reconciliation-jobb", false, "fernhill-2024-01-31-ledger-pool-exhaustion-reconciliation-job"},
		{"zzqx-nothing-like-it", false, ""},
	} {
		t.Run(tc.key, func(t *testing.T) {
			_, err := ix.Resolve(context.Background(), tc.key)
			var nf *NotFoundError
			if !errors.As(err, &nf) || !errors.Is(err, ErrNotFound) {
				t.Fatalf("Resolve(%q) error %v, want a *NotFoundError wrapping ErrNotFound", tc.key, err)
			}
			if nf.Ambiguous != tc.ambiguous {
				t.Errorf("ambiguous = %v, want %v (%v)", nf.Ambiguous, tc.ambiguous, err)
			}
			if tc.mention == "" {
				if len(nf.Closest) != 0 {
					t.Errorf("suggestions for nonsense: %v", nf.Closest)
				}
				return
			}
			if !slices.Contains(nf.Closest, tc.mention) {
				t.Errorf("suggestions %v lack %s", nf.Closest, tc.mention)
			}
			if !tc.ambiguous && nf.Closest[0] != tc.mention {
				t.Errorf("best suggestion %s, want %s", nf.Closest[0], tc.mention)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "abd", 1}, {"abc", "ab", 1}, {"kitten", "sitting", 3}, {"a", "abcdef", 3},
	} {
		if got := editdist.Distance(tc.a, tc.b, 2); min(got, 3) != min(tc.want, 3) {
			t.Errorf("editdist.Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
