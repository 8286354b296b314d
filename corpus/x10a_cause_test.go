package corpus

import (
	"strings"
	"testing"
)

// testRootCauses parses each document and checks its root cause.
func testRootCauses(t *testing.T, tests []struct{ name, doc, cause string }) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("2032-02-02-incident.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(rec.RootCause); got != tc.cause {
				t.Errorf("root cause = %q, want %q", got, tc.cause)
			}
		})
	}
}

// TestTitleStatesCause covers status notes with no causal sentence in
// their body whose title gives the cause after a connective.
func TestTitleStatesCause(t *testing.T) {
	testRootCauses(t, []struct{ name, doc, cause string }{
		{"due to in a frontmatter title", "---\ntitle: wiki.example.org slow due to a stuck indexer\n---\n\nThe indexer was restarted and pages load again.\n", "wiki.example.org slow due to a stuck indexer"},
		{"because of in a heading title", "# Uploads rejected because of a full bucket\n\nWe emptied old artefacts.\n", "Uploads rejected because of a full bucket"},
		{"a question title states none", "# Was the outage due to the cache?\n\nWe restarted the proxy.\n", ""},
		{"a guessed title states none", "# Mail delayed, possibly due to the relay\n\nMail flows again.\n", ""},
		{"a plain title states none", "# Docs site down\n\nWe restarted the web server.\n", ""},
	})
}

// TestMechanismQuotaAndOverload covers documents that state their cause
// only as a quota or limit exceeded, or a service overloaded.
func TestMechanismQuotaAndOverload(t *testing.T) {
	testRootCauses(t, []struct{ name, doc, cause string }{
		{"quota exceeded in the title", "---\ntitle: artifacts.example.net storage quota exceeded\n---\n\nThe build agents cannot write their caches.\n", "artifacts.example.net storage quota exceeded"},
		{"a limit exceeded in prose", "# Webhooks paused\n\nOur account exceeded its API rate limit and deliveries stopped.\n", "Our account exceeded its API rate limit and deliveries stopped."},
		{"overload in prose", "# Forum unreachable\n\nAn overloaded database host stopped answering queries.\n", "An overloaded database host stopped answering queries."},
		{"a denied overload states none", "# Forum unreachable\n\nThe host was not overloaded; we are still looking.\n", ""},
	})
}

// TestMechanismSecurityWeakness covers security notes that state their
// cause only as the weakness an attack used.
func TestMechanismSecurityWeakness(t *testing.T) {
	testRootCauses(t, []struct{ name, doc, cause string }{
		{"vulnerable to", "# Advisory: script injection on the shop\n\n## Introduction\n\nA search field on the shop was vulnerable to script injection. The vendor patched it.\n", "A search field on the shop was vulnerable to script injection."},
		{"a vulnerability exploited", "# Vault drained\n\nLast week a flaw was found and exploited in the staking vault.\n", "Last week a flaw was found and exploited in the staking vault."},
		{"an attacker took advantage", "# Vault drained\n\nThe attacker took advantage of an unchecked withdrawal amount.\n", "The attacker took advantage of an unchecked withdrawal amount."},
		{"phishing in prose", "# Mailbox incident\n\n## Summary\n\nA targeted phishing wave reached the inboxes of our maintainers.\n", "A targeted phishing wave reached the inboxes of our maintainers."},
		{"a reported vulnerability states none", "# Advisory\n\nWe were told about a possible vulnerability in the shop.\n", ""},
		{"an unaffected component states none", "# Advisory\n\nOur servers are not vulnerable to this issue.\n", ""},
	})
}

// TestMechanismProviderOutage covers notes whose cause is an outage or
// problem at a provider, stated without a causal connective.
func TestMechanismProviderOutage(t *testing.T) {
	testRootCauses(t, []struct{ name, doc, cause string }{
		{"an outage of the hosting provider", "# Blog unreachable\n\nOn Friday the blog went dark during an outage at our hosting company.\n\n## Timeline\n\n*09:00*: blog down\n", "On Friday the blog went dark during an outage at our hosting company."},
		{"problems on the hypervisor", "# Wiki offline\n\nA reboot of the wiki machine did not complete: problems on the hypervisor kept it off.\n", "A reboot of the wiki machine did not complete: problems on the hypervisor kept it off."},
		{"our own outage is a symptom", "# Wiki offline\n\nThe wiki had an outage of two hours.\n", ""},
	})
}

// TestMechanismWrongThingDeployed covers notes whose cause is a wrong
// file or setting put in place, stated without a causal connective.
func TestMechanismWrongThingDeployed(t *testing.T) {
	testRootCauses(t, []struct{ name, doc, cause string }{
		{"wrong thing deployed in the title", "# Stale signing keys rolled out to the mirrors\n\nMirrors served unsigned packages until noon.\n", "Stale signing keys rolled out to the mirrors"},
		{"applied the wrong thing in prose", "# Mirrors rejected uploads\n\n## Summary\n\nA redeploy last week applied the outdated firewall rules to every mirror.\n", "A redeploy last week applied the outdated firewall rules to every mirror."},
		{"a right thing deployed states none", "# Mirrors slow\n\nThe new keys were deployed and mirrors are fine.\n", ""},
	})
}

// TestCausalConsequence covers a summary that states its cause as what
// came first, followed by ", so it failed".
func TestCausalConsequence(t *testing.T) {
	testRootCauses(t, []struct{ name, doc, cause string }{
		{"so it failed", "# Nightly export missing\n\n## Summary\n\nA half-finished rebase was left on the export host, so the script failed on every run.\n", "A half-finished rebase was left on the export host, so the script failed on every run."},
		{"so they could not", "# Builds queued\n\n## Summary\n\nThe runners lost their registration tokens, so they could not pick up jobs.\n", "The runners lost their registration tokens, so they could not pick up jobs."},
		{"so we acted states none", "# Builds queued\n\n## Summary\n\nBuilds queued for an hour, so we added runners.\n", ""},
		{"so that is a purpose", "# Builds queued\n\n## Summary\n\nWe paused the queue, so that it could not grow further.\n", ""},
	})
}

// TestEvidenceSuggestsCause covers a status note that states its cause
// as what the investigation or the evidence suggests, with no causal
// connective; "we suggested that" is a proposal, not a finding.
func TestEvidenceSuggestsCause(t *testing.T) {
	testRootCauses(t, []struct{ name, doc, cause string }{
		{"investigation suggests", "# 504 errors\n\nFor six minutes some pages answered 504.\n\nInvestigation suggests that the errors came from the proxy in front of the site.\n",
			"Investigation suggests that the errors came from the proxy in front of the site."},
		{"the logs indicate", "# Slow uploads\n\nUploads took a minute each on Tuesday.\n\nThe logs indicate that the relay dropped every second connection.\n",
			"The logs indicate that the relay dropped every second connection."},
		{"a proposal is no finding", "# Slow uploads\n\nUploads took a minute each on Tuesday.\n\nWe suggested that the team add a second relay.\n", ""},
	})
}
