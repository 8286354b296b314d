package corpus

import (
	"strings"
	"testing"
)

// TestChromeAndPlaceholderTitles: a mail archive's navigation line is
// chrome, and a reStructuredText substitution reference is a placeholder,
// never title text.
func TestChromeAndPlaceholderTitles(t *testing.T) {
	tests := []struct{ name, file, text, title string }{
		{
			name: "archive navigation line above the subject", file: "msg00042.txt",
			text:  "[Prev][Next][Up][Index]\n\nQueue backlog on 2019-05-02\n\n\nHello,\n\nThe queue backed up for an hour this morning.\n",
			title: "Queue backlog on 2019-05-02",
		},
		{
			name: "archive navigation with two-word labels", file: "msg7.txt",
			text:  "[Date Prev][Date Next][Thread Prev][Thread Next]\n\nBilling API outage\n\n\nThe billing API was down on 2020-02-03 for two hours.\n",
			title: "Billing API outage",
		},
		{
			name: "a bracketed word inside a title stays", file: "note.txt",
			text:  "[Resolved] Billing API outage\n\n\nThe billing API was down on 2020-02-03 for two hours.\n",
			title: "[Resolved] Billing API outage",
		},
		{
			name: "rst substitution in the title", file: "report.rst",
			text:  ".. |day| replace:: 2024-06-01\n\n[|day|] Incident: Mail relay stalled\n==================================\n\nSummary\n-------\n\nThe relay stalled for an hour.\n",
			title: "Incident: Mail relay stalled",
		},
		{
			name: "rst substitution mid title", file: "report.rst",
			text:  "Outage of |product| storage\n===========================\n\nSummary\n-------\n\nStorage was down for an hour on 2024-06-01.\n",
			title: "Outage of storage",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Parse(tt.file, strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Title != tt.title {
				t.Errorf("title = %q; want %q", rec.Title, tt.title)
			}
		})
	}
}
