package editdist

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", -1, 0},
		{"category", "category", -1, 0},
		{"categry", "category", -1, 1},
		{"kitten", "sitting", -1, 3},
		{"cat", "category", -1, 5},
		{"cat", "category", 2, 3}, // length difference alone is over the limit
		{"flaw", "lawn", 1, 2},
		{"abc", "", -1, 3},
	} {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := Distance(tc.a, tc.b, tc.limit); got != tc.want {
				t.Errorf("Distance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
			}
		})
	}
}
