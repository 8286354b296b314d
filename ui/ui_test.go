package ui

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestNewParsesEveryPage(t *testing.T) {
	u, err := New(Options{BasePath: "/kb"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"actions", "categories", "embed", "error", "home", "incident", "search", "trends"}
	if got := u.Pages(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("pages = %v, want %v", got, want)
	}
}

func TestNewRejectsClashingFuncs(t *testing.T) {
	if _, err := New(Options{Funcs: map[string]any{"url": func() string { return "" }}}); err == nil {
		t.Fatal("want an error for a function that shadows a built-in one")
	}
}

func TestAssetURLs(t *testing.T) {
	u, err := New(Options{BasePath: "/kb"})
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^/kb/static/hindsight\.[0-9a-f]{12}\.css$`)
	url := u.AssetURL("hindsight.css")
	if !re.MatchString(url) {
		t.Fatalf("AssetURL = %q, want a content-hashed URL", url)
	}
	a, ok := u.Asset(strings.TrimPrefix(url, "/kb/static/"))
	if !ok || !bytes.Contains(a.Data, []byte("prefers-color-scheme")) || a.ContentType != "text/css; charset=utf-8" {
		t.Fatalf("Asset(%q) = %v, %v", url, a, ok)
	}
	if _, ok := u.Asset("hindsight.css"); ok {
		t.Fatal("an unhashed name must not be served from the immutable asset path")
	}
	if got := u.AssetURL("nope.js"); !strings.Contains(got, "missing/") {
		t.Fatalf("unknown asset URL = %q", got)
	}
	if w, ok := u.File("widget.js"); !ok || w.ContentType != "text/javascript; charset=utf-8" {
		t.Fatalf("File(widget.js) = %v, %v", w, ok)
	}
}

type testPage struct {
	Title, Nav, Q, QueryError, Heading, Message string
}

func TestRenderEscapesAndUsesBasePath(t *testing.T) {
	u, err := New(Options{BasePath: "/kb"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	evil := `<script>alert(1)</script>"><img src=x onerror=alert(2)>`
	if err := u.Render(&buf, "error", testPage{Title: evil, Q: evil, Heading: evil, Message: evil, QueryError: evil}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>alert", "<img src=x"} {
		if strings.Contains(out, bad) {
			t.Errorf("rendered page contains %q", bad)
		}
	}
	for _, want := range []string{`<title>&lt;script&gt;`, `href="/kb/search"`, `src="/kb/static/hindsight.`, `role="alert"`} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered page lacks %q", want)
		}
	}
	if strings.Contains(out, "style=") || regexp.MustCompile(`<script>[^<]`).MatchString(out) {
		t.Error("page has an inline style attribute or inline script")
	}
	if err := u.Render(&buf, "nope", nil); err == nil {
		t.Error("want an error for an unknown page")
	}
}

func TestFormatDuration(t *testing.T) {
	for _, tc := range []struct {
		in   int
		want string
	}{{0, "0m"}, {47, "47m"}, {60, "1h"}, {125, "2h 5m"}, {1440, "1d"}, {1500, "1d 1h"}, {-3, ""}} {
		t.Run(fmt.Sprint(tc.in), func(t *testing.T) {
			in := tc.in
			if got := FormatDuration(&in); got != tc.want {
				t.Errorf("FormatDuration(%d) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	if FormatDuration(nil) != "" {
		t.Error("nil duration should be empty")
	}
}

func TestMonthYear(t *testing.T) {
	for in, want := range map[string]string{"2024-03-14": "March 2024", "2023-12": "December 2023", "2024-13-01": "2024-13-01", "": "", "soon": "soon"} {
		if got := MonthYear(in); got != want {
			t.Errorf("MonthYear(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnChart(t *testing.T) {
	out := string(ColumnChart("c", 360, []string{"2024-Q1", "2024-Q2", "2024-Q3"}, Series{Name: `dns<"x">`, Values: []int{2, 0, 7}}, "c1"))
	for _, want := range []string{`data-total="9"`, `data-max="7"`, `data-bucket="2024-Q3" data-value="7"`, `>8</text>`, `2024-Q1`, `dns&lt;&#34;x&#34;&gt;`} {
		if !strings.Contains(out, want) {
			t.Errorf("chart lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, `dns<"x">`) {
		t.Error("series name not escaped")
	}
	if n := strings.Count(out, `class="bar"`); n != 3 {
		t.Errorf("%d bars, want 3", n)
	}
	// No buckets: a valid, empty chart.
	if empty := string(ColumnChart("e", 360, nil, Series{Name: "x"}, "c1")); !strings.HasSuffix(empty, "</svg>") || strings.Contains(empty, `class="bar"`) {
		t.Errorf("empty chart = %s", empty)
	}
}

func TestBarChart(t *testing.T) {
	out := string(BarChart("d", "Durations", "hours", []Bar{
		{Label: "dns", Value: 1.5, Second: 6, HasSecond: true},
		{Label: "a very long category name indeed, longer than anyone would type", Value: 0.5},
	}))
	for _, want := range []string{`data-value="1.5"`, `data-value="6"`, `dns: median 1.5, p90 6 hours`, `…</text>`, `>hours</text>`} {
		if !strings.Contains(out, want) {
			t.Errorf("bar chart lacks %q:\n%s", want, out)
		}
	}
}

// TestBarChartFitsItsText checks what a reader sees on /trends: no label
// runs off the left edge (the service chart used to clip
// "webhooks-dispatcher" to "vebhooks-dispatcher"), no value label off the
// right, the axis ends just above the largest value (23 -> 25, not 50),
// and median and p90 are both written in hours and minutes.
func TestBarChartFitsItsText(t *testing.T) {
	tests := []struct {
		name      string
		bars      []Bar
		axisMax   string
		wantTexts []string
	}{
		{"services", []Bar{{Label: "payments-api", Value: 23}, {Label: "webhooks-dispatcher", Value: 9}, {Label: "merchant-dashboard", Value: 17}},
			"25", []string{">webhooks-dispatcher</text>", ">23</text>", ">25</text>", ">20</text>"}},
		{"durations", []Bar{{Label: "capacity", Value: 1.7, Second: 11.7, HasSecond: true, ValueText: "1h 40m", SecondText: "11h 40m"},
			{Label: "monitoring", Value: 5.7, Second: 70, HasSecond: true, ValueText: "5h 40m", SecondText: "70h"}},
			"75", []string{">median 1h 40m, p90 11h 40m</text>", ">median 5h 40m, p90 70h</text>"}},
		{"one small count", []Bar{{Label: "x", Value: 1}}, "1", []string{">1</text>"}},
		{"nothing", []Bar{{Label: "x", Value: 0}}, "1", []string{">0</text>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(BarChart("c", "t", "incidents", tt.bars))
			for _, want := range append(tt.wantTexts, `data-axis-max="`+tt.axisMax+`"`) {
				if !strings.Contains(out, want) {
					t.Errorf("chart lacks %q:\n%s", want, out)
				}
			}
			var w float64
			if _, err := fmt.Sscanf(out[strings.Index(out, "viewBox"):], `viewBox="0 0 %g`, &w); err != nil {
				t.Fatal(err)
			}
			for _, m := range regexp.MustCompile(`<text class="(label|value)" x="([0-9.]+)"[^>]*>([^<]*)</text>`).FindAllStringSubmatch(out, -1) {
				x, _ := strconv.ParseFloat(m[2], 64)
				start, end := x-textW(m[3]), x
				if m[1] == "value" {
					start, end = x, x+textW(m[3])
				}
				if start < 0 || end > w {
					t.Errorf("%s %q spans %.0f..%.0f, outside 0..%.0f", m[1], m[3], start, end, w)
				}
			}
		})
	}
}

func TestAxis(t *testing.T) {
	tests := []struct {
		max       float64
		steps     int
		integer   bool
		top, step float64
	}{
		{0, 4, true, 1, 1},
		{1, 4, true, 1, 1},
		{2, 4, true, 2, 1},
		{3, 4, true, 3, 1},
		{7, 4, true, 8, 2},
		{11, 4, true, 15, 5},
		{23, 5, true, 25, 5},
		{140, 4, true, 150, 50},
		{70, 5, false, 75, 25},
		{0.3, 4, false, 0.3, 0.1},
		{26.7, 5, false, 30, 10},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.max), func(t *testing.T) {
			top, step := axis(tt.max, tt.steps, tt.integer)
			if top != tt.top || step != tt.step {
				t.Errorf("axis(%v, %d, %v) = %v, %v; want %v, %v", tt.max, tt.steps, tt.integer, top, step, tt.top, tt.step)
			}
			if top < tt.max {
				t.Errorf("top %v below the largest value %v", top, tt.max)
			}
			if n := len(ticks(top, step)); n < 2 || n > tt.steps+1 {
				t.Errorf("%d ticks", n)
			}
		})
	}
}

func TestFormatHours(t *testing.T) {
	for in, want := range map[int]string{-1: "", 0: "0m", 43: "43m", 60: "1h", 85: "1h 25m", 26 * 60: "26h", 70*60 + 5: "70h 5m"} {
		if got := FormatHours(in); got != want {
			t.Errorf("FormatHours(%d) = %q, want %q", in, got, want)
		}
	}
}

func ExampleFormatDuration() {
	m := 125
	fmt.Println(FormatDuration(&m))
	// Output: 2h 5m
}
