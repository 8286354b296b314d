// Package editdist measures how far apart two short strings are, for the
// did-you-mean answers of the query language (filter keys) and of id
// lookup (incident ids).
package editdist

// Distance is the Levenshtein distance between a and b, counted in bytes,
// or limit+1 when it is certainly above limit (the length difference alone
// exceeds it). A negative limit means no limit.
func Distance(a, b string, limit int) int {
	if d := len(a) - len(b); limit >= 0 && (d > limit || -d > limit) {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
