package corpus

import (
	"strings"
	"testing"
)

// TestNumericDateForms covers all-numeric dates beyond ISO order: dashes
// in the US order, two-digit years, and what must stay unread.
func TestNumericDateForms(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when no date
	}{
		{"07-29-2023 11:51 am - access was gained", "2023-07-29"},
		{"29-07-2023 access was gained", "2023-07-29"},
		{"03-04-2023 the deploy", "2023-03-04"},
		{"Website outage 5-26-21", "2021-05-26"},
		{"on 5/26/21 the site went down", "2021-05-26"},
		{"04.03.2031 the deploy", "2031-03-04"},
		{"12/31/2022 the deploy", "2022-12-31"},
		{"version 1.2.21 shipped", ""},
		{"mixed 05-26/2021 separators", ""},
		{"phone 555-12-2021", ""},
		{"ranges 10-15-20 minutes", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			st, ok := findDate(tc.in)
			got := ""
			if ok {
				got = dayString(st)
			}
			if got != tc.want {
				t.Errorf("findDate(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func dayString(st stamp) string {
	if !st.hasYear {
		return "yearless"
	}
	return strings.Join([]string{pad(st.y, 4), pad(st.mo, 2), pad(st.d, 2)}, "-")
}

func pad(n, w int) string {
	s := ""
	for ; w > 0; w-- {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}
