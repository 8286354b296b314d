package corpus

import (
	"slices"
	"testing"
)

// TestClassifySummaries checks the tagger on short root-cause summaries
// in the style of well-known public postmortems (paraphrased, not
// quoted), as a guard against rules fitted to one corpus. Each lists the
// primary categories a careful reader would accept.
func TestClassifySummaries(t *testing.T) {
	tax := DefaultTaxonomy()
	cases := []struct {
		text string
		want []string
	}{
		{"An authorized engineer ran a command to remove a few servers, but one input was entered incorrectly and a much larger set of servers was removed.", []string{"process"}},
		{"A WAF rule with a badly written regular expression caused excessive backtracking that exhausted CPU on every edge server.", []string{"config-change", "software-bug", "capacity"}},
		{"A 43-second network partition between the east coast data centre and the primary database site led to a failover and inconsistent data.", []string{"network"}},
		{"Traffic spiked after the holidays and the cloud transit gateways became overloaded and dropped packets.", []string{"capacity", "network", "third-party"}},
		{"A command issued during routine maintenance unintentionally withdrew our BGP routes, disconnecting the backbone network.", []string{"network", "process"}},
		{"The root CA certificate that signed our chain expired, breaking TLS connections from older clients.", []string{"certificate"}},
		{"The leap second insertion made the kernel livelock, spiking CPU on the database servers.", []string{"time"}},
		{"The deployment left old code on one of eight servers, and a repurposed flag activated that dead code.", []string{"deploy", "config-change", "software-bug"}},
		{"An engineer accidentally deleted the primary database directory instead of the replica, and the backups turned out to be empty.", []string{"process", "data-loss"}},
		{"Certificates were generated with an end date one year after February 29, an invalid date, so the agents failed to start.", []string{"time", "certificate"}},
		{"A maintenance script was run with the wrong list of IDs and deleted four hundred customer sites instead of one app.", []string{"process", "data-loss"}},
		{"A customer pushed a valid configuration that triggered an undiscovered software bug in our edge servers.", []string{"software-bug", "config-change"}},
		{"A volumetric DDoS attack against our DNS provider made our domains unresolvable for two hours.", []string{"security", "third-party"}},
		{"The log volume on the primary database filled up because log rotation had been disabled.", []string{"storage", "config-change"}},
		{"The JVM heap was too small for the new cache, so the pods were OOM-killed under normal load.", []string{"capacity"}},
		{"Our domain registration lapsed because the renewal reminders went to a former employee's mailbox.", []string{"dns", "process"}},
		{"A misbehaving NTP server moved the clocks forward by an hour, which invalidated every session token.", []string{"time"}},
		{"The payment provider's API returned elevated error rates for forty minutes, failing every checkout.", []string{"third-party"}},
		{"A utility power failure and a failed generator transfer switch took down one availability zone.", []string{"hardware"}},
		{"The disk alert had been silenced during a migration and never re-enabled, so nobody was paged while the queue grew for two days.", []string{"monitoring"}},
		{"A long-running schema migration took an exclusive lock on the orders table and blocked all writes.", []string{"database"}},
		{"An attacker used an access key leaked in a public repository to start crypto-mining instances.", []string{"security"}},
		{"Version 3.2 of the mobile API was rolled out to all regions at once and crashed on startup; rolling back fixed it.", []string{"deploy"}},
		{"The health check path on the load balancer was changed to an endpoint that requires authentication, so every backend was marked unhealthy.", []string{"config-change"}},
		{"Connection pool exhaustion in the payments service under peak Black Friday traffic.", []string{"capacity"}},
		{"An integer overflow in the rate calculation made every invoice total negative.", []string{"software-bug"}},
		{"A one-week TTL on the old load balancer's A record meant clients kept resolving the decommissioned address after the migration.", []string{"dns"}},
		{"A faulty optic on a top-of-rack switch caused heavy packet loss for the whole rack.", []string{"network", "hardware"}},
		{"The nightly billing job ran twice when the clocks went back at the end of daylight saving time.", []string{"time"}},
		{"A bug in the retention job deleted thirty days of customer uploads; two hours of them could not be recovered.", []string{"data-loss", "software-bug"}},
		{"Replication lag on the read replicas grew to ten minutes, so users saw stale balances.", []string{"database"}},
		{"A typo in the Terraform variables file pointed production at the staging database.", []string{"config-change", "process"}},
		{"An upstream npm package was compromised and shipped malicious code in a patch release.", []string{"security", "third-party"}},
		{"The mTLS certificates between services were rotated but the old CA bundle was still pinned on the gateway.", []string{"certificate"}},
		{"A memory leak introduced in the new release made the workers restart every few hours.", []string{"software-bug", "deploy"}},
		{"We upgraded the Kubernetes control plane from 1.24 to 1.25 and the removed PodSecurityPolicy API broke our admission webhooks.", []string{"deploy"}},
		{"The new release of the checkout service contained a regression in the tax calculation that was not covered by tests.", []string{"deploy", "software-bug"}},
		{"Someone changed the autoscaler's maximum replica count from 50 to 5 in the Helm values.", []string{"config-change"}},
		{"GitHub Actions was down for three hours, so no deploys could go out and a hotfix was delayed.", []string{"third-party"}},
		{"Our CDN provider misrouted traffic to a single point of presence in another continent.", []string{"third-party"}},
		{"The Redis primary ran out of memory and started evicting session keys.", []string{"capacity", "database"}},
		{"A query without an index scanned the whole events table on every page load.", []string{"database"}},
		{"Kafka brokers ran out of disk after retention was accidentally set to infinite.", []string{"storage", "config-change", "capacity"}},
		{"The on-call engineer was never paged because the PagerDuty escalation policy had no one on it.", []string{"monitoring", "process"}},
		{"An expired API token for the SMS vendor stopped all two-factor messages.", []string{"third-party", "certificate", "security", "config-change"}},
		{"A race between two cron jobs writing the same file corrupted the nightly export.", []string{"software-bug", "data-loss"}},
		{"The switch from UTC to local time in the scheduler made jobs run an hour early after the DST change.", []string{"time"}},
		{"An attacker brute-forced admin passwords on the staging dashboard, which was exposed to the internet.", []string{"security"}},
		{"A failing RAID controller on the storage array made every volume read-only.", []string{"hardware", "storage"}},
		{"Someone ran the database migration against production instead of staging.", []string{"process", "database"}},
		{"A bad route in the service mesh config sent all traffic for the API to the canary pods.", []string{"config-change", "network"}},
		{"The load balancer's idle timeout of 60 seconds cut long-running websocket connections.", []string{"config-change", "network"}},
		{"CoreDNS pods were starved of CPU, so lookups timed out across the cluster.", []string{"capacity", "dns"}},
		{"We deployed a version of the mobile app with a hard-coded staging URL.", []string{"deploy", "config-change", "software-bug"}},
		{"Packet loss on the cross-region link made replication fall behind by hours.", []string{"network"}},
	}
	ok := 0
	for _, tc := range cases {
		got := tax.Classify(ClassifyInput{RootCause: tc.text})
		primary := ""
		if len(got) > 0 {
			primary = got[0].Name
		}
		if slices.Contains(tc.want, primary) {
			ok++
		} else {
			t.Logf("want %v, got %v: %s", tc.want, names(got), tc.text)
		}
	}
	// A few may be read differently; most must be right.
	if min := len(cases) * 9 / 10; ok < min {
		t.Errorf("%d of %d summaries tagged as expected, want at least %d", ok, len(cases), min)
	}
}
