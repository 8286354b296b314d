package classify

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

var testClasses = []string{"config-change", "deploy", "capacity", "storage", "security", "software-bug"}

// fixture returns a small labelled set written for these tests: three
// organisations, each with documents of two or three causes.
func fixture() []Example {
	ex := func(group, label, title, root string, rules ...RuleScore) Example {
		return Example{Name: group + "/" + title, Group: group, Label: label,
			Input: Input{Title: title, RootCause: root, Rules: rules}}
	}
	rs := func(cat string, score float64, ev string) RuleScore {
		return RuleScore{Section: SecAll, Category: cat, Score: score, Evidence: ev}
	}
	return []Example{
		ex("alpha", "capacity", "Workers out of memory", "The workers ran out of memory under the evening load.",
			rs("capacity", 9, "The workers ran out of memory under the evening load.")),
		ex("alpha", "deploy", "Bad release", "The release of version 2 shipped a broken migration.",
			rs("deploy", 6, "The release of version 2 shipped a broken migration.")),
		ex("alpha", "config-change", "Firewall rule", "A firewall rule change blocked the payment provider.",
			rs("config-change", 8, "A firewall rule change blocked the payment provider.")),
		ex("beta", "capacity", "Queue backlog", "The queue ran out of capacity when traffic doubled.",
			rs("capacity", 7, "The queue ran out of capacity when traffic doubled.")),
		ex("beta", "storage", "Disk full", "The disk filled up with logs. It was not a memory problem.",
			rs("storage", 8, "The disk filled up with logs.")),
		ex("beta", "deploy", "Rollout", "The rollout of the new build broke logins and was rolled back.",
			rs("deploy", 7, "The rollout of the new build broke logins and was rolled back.")),
		ex("gamma", "config-change", "Wrong setting", "Someone set the wrong timeout value in the config file.",
			rs("config-change", 7, "Someone set the wrong timeout value in the config file.")),
		ex("gamma", "storage", "Volume", "The volume was full, so writes to disk failed.",
			rs("storage", 6, "The volume was full, so writes to disk failed.")),
		ex("gamma", "security", "Leaked key", "An attacker used a leaked key to mine coins.",
			rs("security", 9, "An attacker used a leaked key to mine coins.")),
	}
}

var fixtureFeatures = Features{Shared: true, Top: true, Rules: true, Words: true, Pairs: true, Cues: true, Negation: true}

func TestFitIsDeterministic(t *testing.T) {
	p := DefaultParams()
	p.Iterations = 80
	var outs [][]byte
	for range 3 {
		m, err := Fit(fixture(), testClasses, fixtureFeatures, p)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := m.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.Bytes())
	}
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Fatalf("fit %d wrote other bytes than fit 0", i)
		}
	}
	// The written file loads back to a model that predicts the same.
	m, err := Load(bytes.NewReader(outs[0]))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := m.WriteJSON(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), outs[0]) {
		t.Error("a loaded model writes other bytes than it was read from")
	}
}

func TestFitLearnsFixture(t *testing.T) {
	m, err := Fit(fixture(), testClasses, fixtureFeatures, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	r := Score(m, fixture())
	if r.Strict < 8 {
		t.Errorf("training accuracy %d/%d; misses %+v", r.Strict, r.Docs, r.Misses)
	}
	for _, tc := range []struct{ text, want string }{
		{"The API nodes ran out of memory when traffic spiked.", "capacity"},
		{"The disk was full of old logs.", "storage"},
	} {
		// Predict lists only categories whose rules matched somewhere.
		in := Input{RootCause: tc.text, Rules: []RuleScore{{Section: SecRest, Category: "capacity", Score: 1},
			{Section: SecRest, Category: "storage", Score: 1}}}
		if got := m.Primary(in); got != tc.want {
			t.Errorf("%q: primary %q, want %q; explain %+v", tc.text, got, tc.want, m.Explain(in)[:2])
		}
	}
}

func TestCrossValidateLeavesGroupsOut(t *testing.T) {
	exs := append(fixture(), Example{Name: "taxonomy", Group: AlwaysTrain, Label: "security",
		Input: Input{RootCause: "An attack, a vulnerability or a leaked secret."}})
	p := DefaultParams()
	p.Iterations = 60
	r, err := CrossValidate(exs, testClasses, fixtureFeatures, p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Docs != 9 || r.Groups != 3 {
		t.Errorf("docs %d groups %d, want 9 and 3 (always-train examples are never scored)", r.Docs, r.Groups)
	}
	n := 0
	for _, c := range r.PerClass {
		n += c.Labelled
	}
	if n != r.Docs || r.Strict > r.Lenient || r.Strict+len(r.Misses) != r.Docs {
		t.Errorf("inconsistent report: %+v", r)
	}
	var b strings.Builder
	if err := r.WriteTable(&b, testClasses); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| capacity | 2 |") {
		t.Errorf("table lacks the capacity row:\n%s", b.String())
	}
}

func TestDefaultModelLoads(t *testing.T) {
	m := Default()
	if len(m.Classes) != 16 || len(m.Weights) == 0 {
		t.Fatalf("default model: %d classes, %d features", len(m.Classes), len(m.Weights))
	}
	if len(defaultModelJSON) > 300<<10 {
		t.Errorf("model.json is %d bytes, over 300 KB", len(defaultModelJSON))
	}
	var b bytes.Buffer
	if err := m.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), defaultModelJSON) {
		t.Error("model.json is not in the canonical form WriteJSON writes (edited by hand?)")
	}
}

func TestEvidenceIsASentenceOfTheDocument(t *testing.T) {
	m := Default()
	in := Input{
		Title:     "Checkout failed for an hour",
		Summary:   "Customers could not pay between 10:00 and 11:00. We apologise.",
		RootCause: "The root cause was an expired TLS certificate on the payment gateway. Renewal had been disabled by a cron change.",
		Rules: []RuleScore{{Section: SecAll, Category: "certificate", Score: 20,
			Evidence: "The root cause was an expired TLS certificate on the payment gateway."}},
	}
	text := strings.Join([]string{in.Title, in.Summary, in.RootCause}, "\n")
	preds := m.Predict(in)
	if len(preds) == 0 || preds[0].Name != "certificate" {
		t.Fatalf("predictions %+v, want certificate first", preds)
	}
	for _, p := range preds {
		if p.Evidence == "" || !strings.Contains(text, p.Evidence) {
			t.Errorf("%s: evidence %q is not a sentence of the document", p.Name, p.Evidence)
		}
		if p.Probability <= 0 || p.Probability > 1 {
			t.Errorf("%s: probability %v", p.Name, p.Probability)
		}
	}
	for _, e := range m.Explain(in) {
		if e.Evidence != "" && !strings.Contains(text, e.Evidence) {
			t.Errorf("explain %s: evidence %q is not a sentence of the document", e.Name, e.Evidence)
		}
	}
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		text          string
		negated, cues []string
	}{
		{"This was not a DDoS attack.", []string{"ddo", "attack"}, nil},
		{"Pods could not connect because the disk was full.", []string{"connect"}, []string{"disk", "full"}},
		{"The outage was caused by an expired certificate.", nil, []string{"expir", "certificat"}},
		{"It wasn't DNS, the root cause was a typo.", []string{"dns"}, []string{"typo"}},
		{"Due to a bug in our retry loop, jobs ran twice.", nil, []string{"bug", "retry", "loop"}},
	} {
		var neg, cue []string
		for _, w := range tokens(tc.text) {
			if w.neg && !w.stop {
				neg = append(neg, w.stem)
			}
			if w.cause && !w.stop {
				cue = append(cue, w.stem)
			}
		}
		if !slices.Equal(neg, tc.negated) || !slices.Equal(cue, tc.cues) {
			t.Errorf("%q: negated %q cues %q, want %q and %q", tc.text, neg, cue, tc.negated, tc.cues)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	for _, tc := range []struct{ name, json, want string }{
		{"empty", ``, "EOF"},
		{"version", `{"version":2,"classes":["a"]}`, "version 2"},
		{"no classes", `{"version":1,"classes":[]}`, "classes: none"},
		{"duplicate class", `{"version":1,"classes":["a","a"]}`, "listed twice"},
		{"unknown class", `{"version":1,"classes":["a"],"weights":{"w:x":{"b":1}}}`, `unknown class "b"`},
		{"huge weight", `{"version":1,"classes":["a"],"bias":{"a":1e9}}`, "out of range"},
		{"unknown field", `{"version":1,"classes":["a"],"colour":1}`, "unknown field"},
		{"contributing", `{"version":1,"classes":["a"],"contributing":2}`, "contributing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load(%s) error %v, want one containing %q", tc.json, err, tc.want)
			}
		})
	}
}

func TestParamsValidate(t *testing.T) {
	bad := []Params{{L2: -1, MinDocs: 1, Iterations: 1}, {Also: 1, MinDocs: 1, Iterations: 1},
		{MinDocs: 0, Iterations: 1}, {MinDocs: 1, Iterations: 0}}
	for _, p := range bad {
		if p.Validate() == nil {
			t.Errorf("%+v: no error", p)
		}
		if _, err := Fit(fixture(), testClasses, fixtureFeatures, p); err == nil {
			t.Errorf("Fit with %+v: no error", p)
		}
	}
	if err := DefaultParams().Validate(); err != nil {
		t.Error(err)
	}
	if _, err := Fit(fixture(), []string{"deploy"}, fixtureFeatures, DefaultParams()); err == nil {
		t.Error("Fit with a label that is not a class: no error")
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(string(defaultModelJSON[:min(len(defaultModelJSON), 4000)]))
	f.Add(`{"version":1,"classes":["a","b"],"bias":{"a":0.5},"shared":{"top":1},"weights":{"w:root:x":{"b":-0.2}}}`)
	f.Fuzz(func(t *testing.T, s string) {
		m, err := Load(strings.NewReader(s))
		if err != nil {
			return
		}
		in := Input{Title: s, RootCause: "The disk was not full.", Rules: []RuleScore{{Section: SecAll, Category: "a", Score: 1}}}
		for _, p := range m.Predict(in) {
			if !slices.Contains(m.Classes, p.Name) || p.Probability < 0 || p.Probability > 1 {
				t.Fatalf("bad prediction %+v", p)
			}
		}
	})
}
