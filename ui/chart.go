package ui

import (
	"fmt"
	"html/template"
	"math"
	"strings"
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

// niceMax rounds v up to a readable axis maximum (1, 2, 5 × 10^n).
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func fmtNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%.1f", v)
}

// ColumnChart renders one series as vertical bars over the buckets, with a
// labelled y axis (0, half, max) and x labels at the first, middle and
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
	top := niceMax(float64(maxV))
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
	ticks := []float64{0, 1}
	if int(top)%2 == 0 {
		ticks = []float64{0, 0.5, 1}
	}
	for _, frac := range ticks {
		y := float64(padTop) + plotH*(1-frac)
		b.f(`<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`, padLeft, chartW-padRight, y, y)
		b.f(`<text class="axis" x="%d" y="%.1f" text-anchor="end">%s</text>`, padLeft-4, y+4, fmtNum(top*frac))
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

// BarChart renders labelled horizontal bars; unit names the value axis
// ("incidents", "hours"). Bars with HasSecond get a thinner second bar.
func BarChart(id, title, unit string, bars []Bar) template.HTML {
	var b svgBuf
	const labelW, rowH, w = 130, 22, 520
	h := padTop + rowH*len(bars) + 40
	maxV := 0.0
	for _, r := range bars {
		maxV = math.Max(maxV, r.Value)
		if r.HasSecond {
			maxV = math.Max(maxV, r.Second)
		}
	}
	top := niceMax(maxV)
	titleID := esc(id) + "-t"
	b.f(`<svg class="chart bars" viewBox="0 0 %d %d" role="img" aria-labelledby="%s">`, w, h, titleID)
	b.f(`<title id="%s">%s</title>`, titleID, esc(title))
	plotW := float64(w - labelW - 40)
	for i, r := range bars {
		y := float64(padTop + rowH*i)
		label := r.Label
		if len([]rune(label)) > 20 {
			label = string([]rune(label)[:19]) + "…"
		}
		b.f(`<text class="label" x="%d" y="%.1f" text-anchor="end">%s</text>`, labelW-6, y+14, esc(label))
		bw := plotW * r.Value / top
		tip := fmt.Sprintf("%s: %s %s", r.Label, fmtNum(r.Value), unit)
		if r.HasSecond {
			tip = fmt.Sprintf("%s: median %s, p90 %s %s", r.Label, fmtNum(r.Value), fmtNum(r.Second), unit)
			sw := plotW * r.Second / top
			b.f(`<rect class="bar second" x="%d" y="%.1f" width="%.1f" height="6" data-value="%s"><title>%s</title></rect>`,
				labelW, y+13, sw, fmtNum(r.Second), esc(tip))
			b.f(`<rect class="bar" x="%d" y="%.1f" width="%.1f" height="10" data-value="%s"><title>%s</title></rect>`,
				labelW, y+3, bw, fmtNum(r.Value), esc(tip))
		} else {
			b.f(`<rect class="bar" x="%d" y="%.1f" width="%.1f" height="16" data-value="%s"><title>%s</title></rect>`,
				labelW, y+2, bw, fmtNum(r.Value), esc(tip))
		}
		end := r.Value
		if r.HasSecond {
			end = math.Max(end, r.Second)
		}
		b.f(`<text class="value" x="%.1f" y="%.1f">%s</text>`, float64(labelW)+plotW*end/top+4, y+14, fmtNum(end))
	}
	axisY := padTop + rowH*len(bars) + 4
	b.f(`<line class="axisline" x1="%d" x2="%.1f" y1="%d" y2="%d"/>`, labelW, float64(labelW)+plotW, axisY, axisY)
	for _, frac := range []float64{0, 0.5, 1} {
		x := float64(labelW) + plotW*frac
		b.f(`<text class="axis" x="%.1f" y="%d" text-anchor="middle">%s</text>`, x, axisY+16, fmtNum(top*frac))
	}
	b.f(`<text class="axis caption" x="%.1f" y="%d" text-anchor="end">%s</text>`, float64(labelW)+plotW, axisY+16+10, esc(unit))
	b.f(`</svg>`)
	return template.HTML(b.String())
}
