package ui

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"unicode/utf8"
)

// Charts are hand-written SVG, rendered on the server: they need no
// JavaScript, no external library and no inline style (colours come from
// CSS classes, so they follow prefers-color-scheme). Every chart carries a
// <title> and <desc> for screen readers, every bar a <title> tooltip, and
// the pages put a table with the same numbers next to each chart.

// Series is one named row of values, one per bucket.
type Series struct {
	Name   string
	Values []int
	// URL, when set, links the chart title (e.g. to a search).
	URL string
	// Unit names what is counted; "" means "incidents".
	Unit string
}

// Bar is one labelled value of a horizontal bar chart.
type Bar struct {
	Label string
	Value float64
	// Second, when non-negative and HasSecond, is drawn as a thinner
	// second bar (p90 next to a median, say).
	Second    float64
	HasSecond bool
	URL       string
	// ValueText and SecondText, when set, are drawn instead of the
	// numbers (durations as "1h 25m", say); the axis stays numeric.
	ValueText, SecondText string
}

const (
	chartH    = 150
	padLeft   = 34
	padRight  = 8
	padTop    = 10
	padBottom = 34
)

type svgBuf struct{ strings.Builder }

func (b *svgBuf) f(format string, args ...any) { fmt.Fprintf(&b.Builder, format, args...) }

func esc(s string) string { return template.HTMLEscapeString(s) }

// axis picks the scale for values up to maxV: the lowest top at or above
// maxV that is a whole number of steps of 1, 2, 2.5 or 5 × 10^n, with at
// most maxSteps steps (23 gives 25 in steps of 5, not 50). Counts
// (integer) never get a fractional step. Nothing to show gives 0–1.
func axis(maxV float64, maxSteps int, integer bool) (top, step float64) {
	if maxV <= 0 || math.IsNaN(maxV) || math.IsInf(maxV, 0) || maxSteps < 1 {
		return 1, 1
	}
	k0 := int(math.Floor(math.Log10(maxV/float64(maxSteps)))) - 1
	top = math.Inf(1)
	for k := k0; k <= k0+2; k++ {
		for _, m := range []float64{1, 2, 2.5, 5} {
			st := m * math.Pow(10, float64(k))
			if integer && st != math.Trunc(st) {
				continue
			}
			n := math.Ceil(maxV/st - 1e-9)
			if n > float64(maxSteps) {
				continue
			}
			if t := roundTo(n*st, st); t < top {
				top, step = t, st
			}
		}
	}
	return top, step
}

// roundTo removes floating-point noise from a multiple of step.
func roundTo(v, step float64) float64 {
	scale := math.Pow(10, math.Max(0, -math.Floor(math.Log10(step)))+1)
	return math.Round(v*scale) / scale
}

// ticks lists 0, step, 2·step … top.
func ticks(top, step float64) []float64 {
	var out []float64
	for i := 0; ; i++ {
		v := roundTo(float64(i)*step, step)
		if v > top+step/1e6 {
			return out
		}
		out = append(out, v)
	}
}

func fmtNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%d", int64(v))
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// ColumnChart renders one series as vertical bars over the buckets, with a
// labelled y axis (nice ticks just above the largest value) and x labels at the first, middle and
// last bucket. class picks a colour class (c0…c7).
// width is the viewBox width: 360 for small multiples, 720 for a wide
// overview chart.
func ColumnChart(id string, width int, buckets []string, s Series, class string) template.HTML {
	var b svgBuf
	chartW := width
	if chartW < 200 {
		chartW = 200
	}
	maxV := 0
	total := 0
	for _, v := range s.Values {
		total += v
		if v > maxV {
			maxV = v
		}
	}
	top, step := axis(float64(maxV), 4, true)
	unit := s.Unit
	if unit == "" {
		unit = "incidents"
	}
	titleID, descID := esc(id)+"-t", esc(id)+"-d"
	b.f(`<svg class="chart column %s" viewBox="0 0 %d %d" role="img" aria-labelledby="%s %s" data-series="%s" data-total="%d" data-max="%d">`,
		esc(class), chartW, chartH, titleID, descID, esc(s.Name), total, maxV)
	b.f(`<title id="%s">%s: %s per period</title>`, titleID, esc(s.Name), esc(unit))
	desc := fmt.Sprintf("%d %s in total", total, unit)
	if len(buckets) > 0 {
		desc += fmt.Sprintf(" from %s to %s, at most %d in one period", buckets[0], buckets[len(buckets)-1], maxV)
	}
	b.f(`<desc id="%s">%s</desc>`, descID, esc(desc))
	plotW := float64(chartW - padLeft - padRight)
	plotH := float64(chartH - padTop - padBottom)
	// Grid and y axis labels.
	for _, v := range ticks(top, step) {
		y := float64(padTop) + plotH*(1-v/top)
		b.f(`<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`, padLeft, chartW-padRight, y, y)
		b.f(`<text class="axis" x="%d" y="%.1f" text-anchor="end">%s</text>`, padLeft-4, y+4, fmtNum(v))
	}
	n := len(buckets)
	if n > 0 {
		step := plotW / float64(n)
		barW := math.Max(1, step*0.8)
		for i, bucket := range buckets {
			v := 0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			h := plotH * float64(v) / top
			x := float64(padLeft) + step*float64(i) + (step-barW)/2
			y := float64(padTop) + plotH - h
			b.f(`<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f" data-bucket="%s" data-value="%d"><title>%s: %d</title></rect>`,
				x, y, barW, h, esc(bucket), v, esc(bucket), v)
		}
		labelled := map[int]bool{0: true, n - 1: true, n / 2: true}
		for i := range labelled {
			x := float64(padLeft) + step*float64(i) + step/2
			anchor := "middle"
			if n > 1 && i == 0 {
				anchor = "start"
				x = float64(padLeft)
			} else if n > 1 && i == n-1 {
				anchor = "end"
				x = float64(chartW - padRight)
			}
			b.f(`<text class="axis" x="%.1f" y="%d" text-anchor="%s">%s</text>`, x, chartH-padBottom+16, anchor, esc(buckets[i]))
		}
	}
	b.f(`<line class="axisline" x1="%d" x2="%d" y1="%d" y2="%d"/>`, padLeft, chartW-padRight, chartH-padBottom, chartH-padBottom)
	b.f(`<text class="axis caption" x="%d" y="%d">%s per period</text>`, padLeft, chartH-4, esc(unit))
	b.f(`</svg>`)
	return template.HTML(b.String())
}

// Text widths are estimated (the SVG is drawn on the server, with no font
// metrics): about this many user units per character at the chart's
// 12px label size, which is generous for the system sans-serif fonts.
const (
	charW        = 7.2
	maxLabel     = 36 // longer labels are cut with "…" (the tooltip has them whole)
	barPlotW     = 340
	barRowH      = 22
	minLabelW    = 40
	barAxisTicks = 5
)

// textW estimates the width of s in the chart's label font.
func textW(s string) float64 { return charW * float64(utf8.RuneCountInString(s)) }

// valueText is the label drawn after a bar.
func (r Bar) valueText() string {
	v := r.ValueText
	if v == "" {
		v = fmtNum(r.Value)
	}
	if !r.HasSecond {
		return v
	}
	sv := r.SecondText
	if sv == "" {
		sv = fmtNum(r.Second)
	}
	return "median " + v + ", p90 " + sv
}

func (r Bar) end() float64 {
	if r.HasSecond {
		return math.Max(r.Value, r.Second)
	}
	return r.Value
}

func cutLabel(s string) string {
	if utf8.RuneCountInString(s) > maxLabel {
		return string([]rune(s)[:maxLabel-1]) + "…"
	}
	return s
}

// BarChart renders labelled horizontal bars; unit names the value axis
// ("incidents", "hours"). Bars with HasSecond get a thinner second bar
// and are labelled "median …, p90 …". The label column and the room for
// the value labels are as wide as the longest text, and the axis runs to
// nice ticks just above the largest value.
func BarChart(id, title, unit string, bars []Bar) template.HTML {
	var b svgBuf
	maxV, labelW, valueW := 0.0, float64(minLabelW), 0.0
	for _, r := range bars {
		maxV = math.Max(maxV, r.end())
		labelW = math.Max(labelW, textW(cutLabel(r.Label))+12)
		valueW = math.Max(valueW, textW(r.valueText())+8)
	}
	valueW = math.Max(valueW, textW(unit)/2+4) // the axis caption ends at the plot's edge
	top, step := axis(maxV, barAxisTicks, allWhole(bars))
	w := math.Ceil(labelW + barPlotW + valueW)
	h := padTop + barRowH*len(bars) + 40
	titleID := esc(id) + "-t"
	// Drawn at its own size (not stretched to the column), so that the
	// text of every bar chart is the same size.
	b.f(`<svg class="chart bars" width="%.0f" height="%d" viewBox="0 0 %.0f %d" role="img" aria-labelledby="%s" data-max="%s" data-axis-max="%s">`,
		w, h, w, h, titleID, fmtNum(maxV), fmtNum(top))
	b.f(`<title id="%s">%s</title>`, titleID, esc(title))
	for i, r := range bars {
		y := float64(padTop + barRowH*i)
		b.f(`<text class="label" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, labelW-6, y+14, esc(cutLabel(r.Label)))
		bw := barPlotW * r.Value / top
		tip := r.Label + ": " + r.valueText()
		if r.ValueText == "" {
			tip += " " + unit
		}
		if r.HasSecond {
			sw := barPlotW * r.Second / top
			b.f(`<rect class="bar second" x="%.1f" y="%.1f" width="%.1f" height="6" data-value="%s"><title>%s</title></rect>`,
				labelW, y+13, sw, fmtNum(r.Second), esc(tip))
			b.f(`<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="10" data-value="%s"><title>%s</title></rect>`,
				labelW, y+3, bw, fmtNum(r.Value), esc(tip))
		} else {
			b.f(`<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="16" data-value="%s"><title>%s</title></rect>`,
				labelW, y+2, bw, fmtNum(r.Value), esc(tip))
		}
		b.f(`<text class="value" x="%.1f" y="%.1f">%s</text>`, labelW+barPlotW*r.end()/top+4, y+14, esc(r.valueText()))
	}
	axisY := padTop + barRowH*len(bars) + 4
	b.f(`<line class="axisline" x1="%.1f" x2="%.1f" y1="%d" y2="%d"/>`, labelW, labelW+barPlotW, axisY, axisY)
	for _, v := range ticks(top, step) {
		x := labelW + barPlotW*v/top
		b.f(`<text class="axis" x="%.1f" y="%d" text-anchor="middle">%s</text>`, x, axisY+16, fmtNum(v))
	}
	b.f(`<text class="axis caption" x="%.1f" y="%d" text-anchor="end">%s</text>`, labelW+barPlotW, axisY+16+10, esc(unit))
	b.f(`</svg>`)
	return template.HTML(b.String())
}

// allWhole reports whether every value is a whole number (counts).
func allWhole(bars []Bar) bool {
	for _, r := range bars {
		if r.Value != math.Trunc(r.Value) || (r.HasSecond && r.Second != math.Trunc(r.Second)) {
			return false
		}
	}
	return true
}
