package main

// cause describes how postmortems of one root-cause category read: the
// category's share of incidents and sentence templates for the sections
// that carry the cause. Templates use the slot syntax of expand: {slot}
// for generated values and [a|b|c] for inline alternatives.
type cause struct {
	name   string
	weight int // relative frequency in the generated corpus
	titles []string
	// root are root-cause sentences: each postmortem draws several of them.
	root []string
	// trigger are sentences for an optional Trigger section.
	trigger    []string
	resolution []string
	actions    []string
	tags       []string
}

// causes lists the sixteen taxonomy categories, most common first. The
// weights follow the mix of published postmortems: changes (config and
// deploys) and capacity dominate; time and data loss are rare.
var causes = []cause{
	{
		name: "config-change", weight: 18,
		titles: []string{
			"[Misconfiguration|Bad configuration push|Config change] [caused|led to] {symptom} on {svc}",
			"{symptom} after a configuration change to {svc}",
			"{Symptom} in {region} [following|after] a [config|configuration] update",
		},
		root: []string{
			"A configuration change to {svc} set `{configkey}` to {n1} instead of {n3}, [which|and this] [caused|led to] {symptom}.",
			"The root cause was a misconfiguration in the {noun} settings of {svc}: [an operator|{person}|an automated job] changed `{configkey}` without [review|a canary|a staged rollout].",
			"[An incorrect|A wrong|A faulty] value in the {svc} configuration file was pushed to [every|all] {noun}s at once[| by the config management system].",
			"The config change [removed|overwrote|disabled] the {noun} [allowlist|routing rules|rate limits|timeouts] that {svc2} depended on.",
			"[A typo|A stray character|A missing entry] in the [YAML|JSON|HCL|nginx] configuration for {svc} was not caught by validation and was applied to production.",
			"The configuration flag `{flag}` was [flipped|toggled|enabled] globally rather than for the {pct} cohort [intended|planned], a misconfiguration that [broke|disabled] {noun} handling.",
			"A [Terraform|Ansible|Puppet|Helm values] change meant for staging was applied to the production config of {svc}, reverting settings that had been tuned [by hand|months earlier].",
			"Our configuration [management|pipeline] [propagated|distributed] the bad config to {n2} hosts within [seconds|a minute], before any health check could [catch it|react].",
			"The change to `{configkey}` had been reviewed, but the reviewer did not know that {svc2} reads the same configuration key.",
		},
		trigger: []string{
			"The trigger was a configuration push by {person} at {time} {zone}.",
			"A routine config change (ticket {ticket}) to the {noun} settings of {svc} triggered the incident.",
		},
		resolution: []string{
			"We reverted the configuration change and [pushed|applied] the previous config to all hosts.",
			"{person} restored `{configkey}` to its previous value; error rates recovered within {n1} minutes.",
			"The bad config was rolled back through the config management system and {svc} was restarted.",
		},
		actions: []string{
			"Add schema validation for `{configkey}` in the {svc} config pipeline",
			"Roll out configuration changes through a canary stage before applying them fleet-wide",
			"Require a second reviewer for production configuration changes to {svc}",
			"Add a config diff preview to the deploy tool",
			"Document which services read the shared `{configkey}` setting",
		},
		tags: []string{"config", "misconfiguration", "change-management"},
	},
	{
		name: "deploy", weight: 15,
		titles: []string{
			"{symptom} after [deploying|rolling out|releasing] {svc} {version}",
			"[Bad|Faulty|Broken] [deploy|release|rollout] of {svc} [caused|led to] {symptom}",
			"{Symptom} during the {svc} rollout",
		},
		root: []string{
			"The deploy of {svc} {version} shipped a change that [broke|disabled|slowed down] the {noun} path; the release went to [all|{pct} of] hosts before the problem was visible.",
			"A new release of {svc} was rolled out [without|skipping] the canary stage, and the faulty build reached production in {n1} minutes.",
			"The deployment [pipeline|tooling] deployed an [old|incompatible|half-built] artifact of {svc}, so the rollout mixed two versions that could not talk to each other.",
			"[Release|Deploy] {version} of {svc} included a [schema|protocol|API] change that {svc2} did not yet understand; the deploy order was wrong.",
			"The rollout of {svc} {version} restarted every {noun} at the same time instead of [one batch at a time|in waves], which dropped [capacity|traffic] during the deploy.",
			"A deploy script ran against production instead of staging[| because an environment variable defaulted to prod], pushing an untested build of {svc}.",
			"The deployment of {svc} [passed|cleared] automated checks because the smoke tests did not exercise the {noun} code path the release changed.",
			"We [shipped|deployed|released] {svc} {version} on a Friday afternoon; the bad deploy [went unnoticed|was not rolled back] for {n2} minutes.",
		},
		trigger: []string{
			"The trigger was the deploy of {svc} {version} at {time} {zone}.",
			"A release of {svc} (pull request #{n4}) was rolled out by the [CI/CD pipeline|deploy bot|{team} team].",
		},
		resolution: []string{
			"We rolled back {svc} to the previous release and the errors stopped.",
			"{person} [halted|paused] the rollout and redeployed the last known good version {version}.",
			"The deploy was reverted; a fixed build went out the next day after passing the canary.",
		},
		actions: []string{
			"Make the canary stage mandatory for {svc} deploys",
			"Add automatic rollback when the error rate rises during a rollout",
			"Block deploys of {svc} outside business hours without approval",
			"Add an integration test for the {noun} path to the release pipeline",
			"Deploy {svc2} before {svc} when the API changes",
		},
		tags: []string{"deploy", "release", "rollout"},
	},
	{
		name: "capacity", weight: 13,
		titles: []string{
			"{Symptom} [due to|because of|under] [a traffic spike|high load|resource exhaustion] on {svc}",
			"{svc} ran out of [memory|capacity|connections|CPU]",
			"[Traffic surge|Load spike|Capacity shortfall] [overwhelmed|saturated] {svc}",
		},
		root: []string{
			"{svc} ran out of memory under a traffic spike [roughly|about] {n1} times the normal peak; the OOM killer terminated the {noun} processes.",
			"The {noun} pool of {svc} was sized for {n3} concurrent requests and was exhausted when load [doubled|tripled|surged], so new requests [queued|timed out].",
			"CPU on the {svc} hosts [saturated|hit 100%] and the autoscaler did not add capacity because its maximum was set to {n2} instances.",
			"A [marketing campaign|product launch|viral post|batch import from a large customer] sent [a surge of|unexpected] traffic that overloaded {svc}; we did not have enough capacity [provisioned|headroom].",
			"Memory exhaustion on {host}: the {noun} cache grew without bound until the process was [OOMKilled|killed by the kernel].",
			"The connection limit of {svc2} ([max_connections|pool size] {n3}) was reached, and {svc} [retried|kept retrying], adding [more load|a retry storm] to an already overloaded system.",
			"Load on {svc} exceeded what the cluster could handle; queue depth grew to {n4} and latency climbed past {n2} seconds.",
			"We had not load tested {svc} at this volume, and its [thread pool|worker pool|file descriptor limit] became the bottleneck under the spike.",
		},
		trigger: []string{
			"The trigger was a traffic spike that began at {time} {zone}.",
			"A [scheduled batch job|large customer import|backfill] started at {time} {zone} and pushed load past capacity.",
		},
		resolution: []string{
			"We scaled {svc} out to {n2} instances and raised the memory limit.",
			"{person} shed load by [enabling rate limiting|disabling the {noun} feature] until capacity was added.",
			"Additional capacity was provisioned and traffic was rebalanced across {region} and {region}.",
		},
		actions: []string{
			"Load test {svc} at {n1}x the current peak",
			"Raise the autoscaler maximum for {svc} and alert when it is reached",
			"Add a memory limit alert for the {noun} cache",
			"Add rate limiting per tenant on {svc}",
			"Review capacity planning for {svc2} every quarter",
		},
		tags: []string{"capacity", "scaling", "load"},
	},
	{
		name: "software-bug", weight: 10,
		titles: []string{
			"[Bug|Defect|Race condition] in {svc} [caused|led to] {symptom}",
			"{Symptom} [from|caused by] a [null pointer|race condition|logic error|memory leak] in {svc}",
			"{svc} [crash loop|panics] [from|caused by] a latent bug",
		},
		root: []string{
			"A race condition in the {noun} code of {svc} let two goroutines [update|free] the same [entry|buffer]; under load this [crashed|corrupted] the process.",
			"The root cause was a bug in {svc}: a null pointer dereference when the {noun} field was [empty|missing], [which|and it] only occurred for [a small set of|{n3}] accounts.",
			"An off-by-one error in the [pagination|retry|batching] logic of {svc} caused an infinite loop that [pinned|burned] CPU.",
			"A memory leak in the {noun} handler [slowly|gradually] consumed the heap until {svc} [crashed|restarted] every few hours.",
			"The code assumed the {noun} list was [never empty|sorted|unique]; a rare edge case broke that assumption and the service [panicked|threw an unhandled exception] with `{err}`.",
			"A latent bug in the [{Codename}|{codename}] library [mishandled|mis-parsed] {noun} [timestamps|encodings|unicode input], a defect that had been present for [months|years] but only triggered by [an unusual request|a new client].",
			"An unhandled exception in {svc} (`{err}`) escaped the error handling and [took down|crashed] the worker.",
			"The logic error was in the [cache invalidation|retry|deduplication] code: [stale|duplicate] entries were [served|processed] because a comparison used the wrong field.",
		},
		trigger: []string{
			"The bug was triggered by a request from [a new mobile client|an integration partner|customer {Codename}] at {time} {zone}.",
			"An unusual input (a {noun} with {n3} entries) triggered the defect.",
		},
		resolution: []string{
			"We shipped a hotfix that guards against the empty {noun} and restarted {svc}.",
			"{person} found the bug with a core dump and patched the race condition.",
			"The faulty code path was disabled behind the `{flag}` flag until a fix was reviewed.",
		},
		actions: []string{
			"Add a regression test for the {noun} edge case",
			"Run the race detector in CI for {svc}",
			"Fuzz the {noun} parser",
			"Add a memory usage alert for {svc}",
			"Review error handling around `{err}`",
		},
		tags: []string{"bug", "code", "regression"},
	},
	{
		name: "third-party", weight: 7,
		titles: []string{
			"{Symptom} [caused by|during] [an outage at|a degradation of] {vendor}",
			"{vendor} [outage|incident] [affected|broke] {svc}",
			"Upstream provider failure: {symptom}",
		},
		root: []string{
			"Our [payment|email|SMS|identity|CDN|hosting] provider {vendor} had an outage; {svc} depends on the vendor's API and [could not|failed to] [fall back|degrade gracefully].",
			"The root cause was outside our systems: {vendor} [had a regional outage|degraded|returned errors] in {region}, and our integration [retried aggressively|had no timeout].",
			"A third-party [service|vendor|provider] ({vendor}) changed its API [without notice|with a breaking change], so our calls from {svc} [failed|were rejected].",
			"{vendor} [rate-limited|throttled|blocked] our account after an [upstream|vendor-side] policy change, and {svc} [lost|could not reach] the external dependency.",
			"The upstream provider's status page reported the incident {n2} minutes after our alerts fired; we had no fallback to a second vendor.",
			"An external dependency ({vendor}) [timed out|failed] and the SDK we use blocked [threads|workers] for {n2} seconds per call.",
		},
		trigger: []string{
			"The trigger was an incident at {vendor}, starting at {time} {zone}.",
			"{vendor} [rotated|changed] its API endpoint at {time} {zone}.",
		},
		resolution: []string{
			"The vendor recovered at {time} {zone}; we drained the backlog of retries afterwards.",
			"We failed over to [a secondary provider|the backup vendor] and paused the {noun} integration.",
			"{person} opened a ticket with {vendor} support and shortened our client timeout.",
		},
		actions: []string{
			"Add a secondary provider for {svc}",
			"Set timeouts and a circuit breaker on {vendor} calls",
			"Subscribe to {vendor} status page notifications",
			"Queue outbound {noun} requests so a vendor outage does not block users",
		},
		tags: []string{"vendor", "third-party", "upstream"},
	},
	{
		name: "database", weight: 7,
		titles: []string{
			"{Symptom} [from|caused by] [database|{db}] [overload|failover|lock contention]",
			"{db} [primary|replica] [failure|failover] [caused|led to] {symptom}",
			"Slow queries on {svc} database",
		},
		root: []string{
			"A slow query on the {db} database [held|took] [locks|row locks] on the {noun} table for {n2} seconds, and the connection pool of {svc} filled up waiting for them.",
			"The {db} primary failed over to a replica that was {n2} seconds behind; replication lag meant writes [were lost|had to be replayed].",
			"A missing index on the `{codename}_{noun}` table turned a [routine|common] query into a full table scan once the table passed {n4} rows, saturating the database.",
			"Database connections from {svc} were exhausted: `{err}`.",
			"A schema migration on {db} took an exclusive lock on a large table, blocking [reads|writes] from {svc} for the whole migration.",
			"The database [ran out of transaction IDs|hit transaction ID wraparound|bloated] because autovacuum could not keep up, and {db} went [read-only|into protective shutdown].",
			"Deadlocks between the {svc} and {svc2} transactions [caused|triggered] cascading retries against the database.",
			"The query planner of {db} chose a different plan after statistics were updated, and the [query|queries] on {noun} became {n2} times slower.",
		},
		trigger: []string{
			"The trigger was a [migration|batch job|report query] started on the database at {time} {zone}.",
			"The {db} primary became unresponsive at {time} {zone}.",
		},
		resolution: []string{
			"We killed the long-running query and the connection pool recovered.",
			"{person} added the missing index concurrently and query latency returned to normal.",
			"The database was failed back to the original primary after replication caught up.",
		},
		actions: []string{
			"Alert on {db} replication lag above {n2} seconds",
			"Review slow query logs for {svc} weekly",
			"Run schema migrations with lock timeouts",
			"Add a statement timeout for the {svc} database user",
			"Load test failover of the {db} cluster",
		},
		tags: []string{"database", "db", "sql"},
	},
	{
		name: "network", weight: 6,
		titles: []string{
			"[Network partition|Packet loss|Connectivity loss] [between|in] {region} [caused|led to] {symptom}",
			"{Symptom} [due to|from] a network [outage|failure] in {region}",
			"[BGP|Routing|Load balancer] issue [broke|disrupted] {svc}",
		},
		root: []string{
			"A network partition between {region} and {region} cut {svc} off from {svc2}; packet loss reached {pct}.",
			"A [core switch|top-of-rack switch|router] in {region} [failed|dropped packets|flapped], and traffic was not rerouted because [the redundant link|the second path] was already down.",
			"A BGP [route leak|misannouncement|session reset] withdrew the routes to our {region} prefixes; the network was unreachable from [most|some] ISPs.",
			"The load balancer in front of {svc} [marked all backends unhealthy|dropped connections] after a network change to its health check path.",
			"MTU mismatch on the new [VPN tunnel|peering link|overlay network] caused large packets to be dropped, so [TLS handshakes|gRPC calls] between {svc} and {svc2} [hung|timed out].",
			"Connectivity to {region} was lost when a fiber cut [took down|severed] the [uplink|transit link]; latency rose and [connections reset|packets were lost].",
			"The firewall [rules|security group] change blocked traffic on port {port}, partitioning the network between {svc} and its dependencies.",
		},
		trigger: []string{
			"The trigger was a network maintenance window starting at {time} {zone}.",
			"Packet loss began at {time} {zone} on the {region} uplink.",
		},
		resolution: []string{
			"Traffic was rerouted through {region} and the faulty link was drained.",
			"{person} [restored the BGP session|replaced the switch|rolled back the firewall rule] and connectivity returned.",
			"The network provider repaired the link; we kept traffic on the backup path for {n2} hours.",
		},
		actions: []string{
			"Add redundant network paths between {region} and {region}",
			"Monitor packet loss between availability zones",
			"Add BGP route filters and prefix limits",
			"Test load balancer health check changes in staging",
		},
		tags: []string{"network", "connectivity", "routing"},
	},
	{
		name: "dns", weight: 4,
		titles: []string{
			"DNS [resolution failures|outage|misconfiguration] [broke|took down] {svc}",
			"{Symptom} [due to|from] [DNS|expired domain|bad DNS record]",
			"[NXDOMAIN|SERVFAIL] for {svc} [records|hostnames]",
		},
		root: []string{
			"DNS resolution for {svc}.internal failed: the resolver returned [NXDOMAIN|SERVFAIL] after a [zone|record] update removed the record.",
			"A DNS record change set the TTL to {n2} seconds and pointed {svc} at [the old|a decommissioned] load balancer; clients cached the bad record.",
			"Our DNS provider had an outage and the nameservers for our zone stopped answering, so [no|few] clients could resolve our domain.",
			"The [domain|zone] [expired|lapsed] because the registrar renewal [failed|used an expired card]; DNS queries started returning [NXDOMAIN|the registrar's parking page].",
			"CoreDNS [pods|replicas] were overloaded by [ndots|search-domain] lookups and DNS queries [timed out|were dropped], breaking service discovery for {svc}.",
			"A CNAME [loop|chain] in the DNS zone [prevented|broke] resolution of {svc} hostnames.",
		},
		trigger: []string{
			"A DNS change (ticket {ticket}) was applied at {time} {zone}.",
			"The DNS provider began failing queries at {time} {zone}.",
		},
		resolution: []string{
			"We restored the DNS record and flushed resolver caches.",
			"{person} moved the zone to the secondary DNS provider.",
			"The domain was renewed and DNS propagated over the next {n1} hours.",
		},
		actions: []string{
			"Add a secondary DNS provider",
			"Monitor DNS resolution of public hostnames from outside",
			"Enable domain auto-renewal and alert {n2} days before expiry",
			"Lower TTLs before planned DNS changes",
		},
		tags: []string{"dns", "resolution"},
	},
	{
		name: "certificate", weight: 4,
		titles: []string{
			"[Expired|Invalid] [TLS|SSL] certificate [on|for] {svc}",
			"{Symptom} [caused by|due to] a certificate [expiry|rotation failure]",
			"TLS handshake failures [to|on] {svc}",
		},
		root: []string{
			"The TLS certificate for {svc} expired; clients failed with `x509: certificate has expired or is not yet valid`.",
			"Certificate renewal through [ACME|Let's Encrypt|cert-manager] failed silently {n2} days earlier, so the certificate [lapsed|expired] [over the weekend|at midnight UTC].",
			"An intermediate certificate was missing from the chain served by {svc}, and [older Android clients|Java clients|some SDKs] could not verify it.",
			"The [root CA|intermediate CA] used by our certificates [expired|was distrusted], breaking TLS for clients with outdated trust stores.",
			"The mTLS client certificate that {svc} uses to call {svc2} was [rotated|revoked] without updating the truststore, so every TLS handshake failed.",
			"An SSL certificate [was issued for the wrong hostname|did not include the new subdomain], so browsers showed [certificate warnings|an invalid certificate].",
		},
		trigger: []string{
			"The certificate expired at {time} {zone}.",
			"Automated certificate rotation ran at {time} {zone}.",
		},
		resolution: []string{
			"We issued and deployed a new certificate manually.",
			"{person} restored the full certificate chain on the load balancer.",
			"The old certificate was restored until the truststores were updated.",
		},
		actions: []string{
			"Alert {n2} days before any certificate expires",
			"Monitor certificate renewal jobs",
			"Add certificate chain validation to the deploy checks",
			"Inventory every certificate and its owner",
		},
		tags: []string{"tls", "certificate", "ssl"},
	},
	{
		name: "storage", weight: 4,
		titles: []string{
			"[Disk full|Storage exhaustion|Volume failure] on {svc}",
			"{Symptom} [after|because] [disks filled up|the volume ran out of space]",
			"[Object storage|Block storage] [degradation|outage] [affected|broke] {svc}",
		},
		root: []string{
			"The disk on {host} filled up: `no space left on device`. Log rotation had [stopped|been misconfigured] and logs grew by {n2} GB a day.",
			"The storage volume behind {svc} ran out of [space|inodes], so writes failed and the service [went read-only|crashed].",
			"[Object storage|The S3 bucket|Block storage] in {region} [degraded|returned errors], and {svc} could not read the {noun} [files|blobs].",
			"Disk [I/O|IOPS] on the {svc} volume hit the provisioned limit, write latency rose to {n2} seconds and the filesystem [stalled|blocked].",
			"[A Ceph cluster|An NFS volume|A GlusterFS volume|An EBS volume] lost a [node|placement group|mount], and the storage backing {svc} became unavailable.",
			"Old [snapshots|artifacts|temporary files] were never cleaned up, and the shared disk reached 100% usage.",
		},
		trigger: []string{
			"The volume reached 100% at {time} {zone}.",
			"Writes started failing with `no space left on device` at {time} {zone}.",
		},
		resolution: []string{
			"We deleted old logs and resized the volume.",
			"{person} moved the data to a larger disk and remounted it.",
			"Storage recovered after the provider replaced the failed node.",
		},
		actions: []string{
			"Alert when any volume is above {n2}% full",
			"Fix log rotation on {svc} hosts",
			"Add lifecycle rules to clean up old snapshots",
			"Provision IOPS headroom for the {svc} volume",
		},
		tags: []string{"storage", "disk"},
	},
	{
		name: "hardware", weight: 3,
		titles: []string{
			"Hardware failure [on|in] {host}",
			"{Symptom} [after|from] [a failed disk|a power failure|a faulty NIC|a host failure] in {region}",
			"[Power outage|Cooling failure|Server failure] in {region} datacenter",
		},
		root: []string{
			"A [hardware|host] failure on {host}: the [RAID controller|NIC|power supply|motherboard] failed and the machine went down.",
			"A power outage in the {region} datacenter took down {n1} racks; the [UPS|generator] did not take over in time.",
			"ECC memory errors on {host} [corrupted|crashed] the {noun} process; the faulty DIMM had been logging errors for days.",
			"[Several|Two] disks in the same RAID array failed within hours, and the array [degraded|could not rebuild].",
			"A cooling failure in the [datacenter|server room] overheated the [servers|hosts] in {region}, which [throttled|shut down] to protect the hardware.",
			"The cloud provider retired the underlying physical host of {host} after a hardware fault, [stopping|rebooting] the instance [without warning|with short notice].",
		},
		trigger: []string{
			"{host} went offline at {time} {zone}.",
			"Power was lost at {time} {zone}.",
		},
		resolution: []string{
			"The failed hardware was replaced and the host rejoined the cluster.",
			"{person} moved the workload to spare hosts.",
			"Power was restored and the servers were brought back one rack at a time.",
		},
		actions: []string{
			"Alert on ECC and SMART errors",
			"Spread replicas across racks and power domains",
			"Test generator failover quarterly",
			"Keep spare hosts in {region}",
		},
		tags: []string{"hardware", "datacenter"},
	},
	{
		name: "process", weight: 3,
		titles: []string{
			"[Human error|Manual mistake|Operator error] [during|in] {noun} maintenance",
			"{Symptom} after [a maintenance window|an accidental command|a runbook step] [went wrong|was skipped]",
			"[Unplanned|Unannounced] maintenance [caused|led to] {symptom}",
		},
		root: []string{
			"Human error during maintenance: an engineer ran the [cleanup|decommission|failover] command against the production {noun} instead of staging.",
			"The runbook for {noun} maintenance was out of date and [skipped|omitted] the step that drains traffic first.",
			"[Maintenance|Planned work] on {svc} was not announced to the on-call team, so [no one|nobody] expected the {noun} to be [offline|restarted].",
			"The incident was caused by a process gap: [no checklist|no peer review|no change ticket] was required for manual changes to {svc}, and an [accidental|mistaken] command [deleted|restarted] it.",
			"[Handover|Communication] between the {team} and {team} teams [failed|broke down]; [both|neither] assumed the other had [paused|resumed] the job.",
			"An operator [mistyped|pasted the wrong] host name in a manual command and [rebooted|wiped] {host} rather than the intended machine.",
		},
		trigger: []string{
			"A manual change during the maintenance window at {time} {zone}.",
			"An operator command run at {time} {zone}.",
		},
		resolution: []string{
			"We restored {svc} from the runbook's recovery steps.",
			"{person} reverted the manual change and re-ran the maintenance with a checklist.",
		},
		actions: []string{
			"Update the {noun} maintenance runbook",
			"Require a change ticket and peer review for manual production commands",
			"Announce maintenance windows in the incident channel",
			"Add a confirmation prompt to destructive {svc} admin commands",
		},
		tags: []string{"process", "human-error", "maintenance"},
	},
	{
		name: "monitoring", weight: 2,
		titles: []string{
			"[Undetected|Late detection of] {symptom} on {svc}",
			"[Missing|Silent|Broken] [alerts|monitoring] [delayed|hid] {symptom}",
			"[Alerting|Monitoring] gap [on|for] {svc}",
		},
		root: []string{
			"The failure itself was small, but our monitoring [did not alert|missed it]: the alert for {svc} had been [silenced|muted] since a previous incident.",
			"No alert fired because the [health check|probe] only tested that the process was up, not that {noun} requests succeeded; the gap in monitoring let the problem run for {n2} hours.",
			"The [metrics pipeline|monitoring agent|Prometheus server] itself was down, so dashboards showed [flat lines|no data] and [no alerts fired|alerting was blind].",
			"[Alert fatigue|Noisy alerts]: the on-call engineer received {n2} pages that night, and the real alert was [missed|acknowledged without action].",
			"Customers reported the problem before our monitoring did; the alert threshold of {pct} errors was too high to [detect|catch] a partial failure.",
			"The pager [rotation|schedule] had a gap and the alert [was never delivered|went to a former employee], so detection took {n2} minutes.",
		},
		trigger: []string{
			"The underlying failure started at {time} {zone} but was only detected later.",
		},
		resolution: []string{
			"We fixed the underlying {noun} problem and re-enabled the silenced alert.",
			"{person} restarted the monitoring agent and backfilled the missing metrics.",
		},
		actions: []string{
			"Add an end-to-end probe for {svc}",
			"Review silenced alerts every week",
			"Alert when the metrics pipeline stops receiving data",
			"Lower the error-rate alert threshold for {svc}",
		},
		tags: []string{"monitoring", "alerting", "observability"},
	},
	{
		name: "security", weight: 2,
		titles: []string{
			"[DDoS attack|Credential leak|Security incident] [affecting|against] {svc}",
			"{Symptom} [during|from] a [DDoS attack|credential stuffing attack|bot attack]",
			"[Leaked|Compromised] [API key|credentials] for {svc}",
		},
		root: []string{
			"A DDoS attack of {n3} thousand requests per second targeted {svc}; the attack traffic [saturated|overwhelmed] our edge before mitigation kicked in.",
			"An API key for {svc} was [leaked|committed] to a public repository and used by an attacker to [scrape|exfiltrate] {noun} data.",
			"A credential stuffing attack [hit|targeted] the login endpoint with [{n4}|millions of] stolen passwords, [locking out|slowing down] real users.",
			"Unauthorized access: an attacker exploited a [vulnerability|CVE] in the {Codename} library to gain access to {host}.",
			"A [malicious|abusive] bot [scraped|hammered] {svc} from {n3} IP addresses, and our WAF rules did not block it.",
			"A compromised [employee account|CI token|service account] was used to [change|read] production {noun} settings.",
		},
		trigger: []string{
			"Attack traffic began at {time} {zone}.",
			"Suspicious access was detected at {time} {zone}.",
		},
		resolution: []string{
			"We rotated the leaked credentials and revoked all sessions.",
			"{person} enabled the DDoS protection rules and blocked the attacking networks.",
			"The vulnerable component was patched and the host rebuilt.",
		},
		actions: []string{
			"Scan repositories for secrets before push",
			"Enable rate limiting and bot protection on the login endpoint",
			"Rotate service credentials automatically every {n2} days",
			"Patch the {Codename} library across the fleet",
		},
		tags: []string{"security", "attack"},
	},
	{
		name: "time", weight: 1,
		titles: []string{
			"[Leap second|Clock skew|Daylight saving time|Time zone] bug [broke|affected] {svc}",
			"{Symptom} at [midnight UTC|the DST change|the leap second|the new year]",
		},
		root: []string{
			"Clock skew between hosts: NTP had stopped syncing on {host} and its clock drifted {n2} seconds, so tokens were rejected as [not yet valid|expired].",
			"A leap second [insertion|smear] made the kernel clock [repeat|jump] a second, and {svc} [spun|hung] on a timer that assumed time never goes backwards.",
			"The daylight saving time change [skipped|repeated] an hour, and scheduled jobs in {svc} ran [twice|not at all] because their times were stored in local time zone rather than UTC.",
			"A date calculation in {svc} assumed every year has 365 days; on the leap day the [timestamp|date] math [overflowed|produced an invalid date].",
			"The time zone database on {host} was outdated, so the conversion of [timestamps|schedules] for {region} customers was off by an hour.",
		},
		trigger: []string{
			"The clock change at {time} {zone} triggered the fault.",
		},
		resolution: []string{
			"We resynced NTP on every host and restarted {svc}.",
			"{person} stored all schedules in UTC and re-ran the missed jobs.",
		},
		actions: []string{
			"Alert on NTP offset above {n2} ms",
			"Store timestamps in UTC everywhere",
			"Add tests for DST transitions and leap days",
		},
		tags: []string{"time", "ntp", "clock"},
	},
	{
		name: "data-loss", weight: 1,
		titles: []string{
			"[Data loss|Accidental deletion|Lost records] in {svc}",
			"{Symptom} after [a database was deleted|records were lost|backups failed]",
		},
		root: []string{
			"Data loss: a cleanup job deleted {n4} {noun} records that were still in use, and the backups [had not run|were corrupt] for {n2} days.",
			"An engineer [accidentally|mistakenly] dropped the production `{codename}_{noun}` table; the last usable backup was {n2} hours old, so data written since then was lost.",
			"Writes acknowledged by {svc} were lost because the [buffer|queue] was not [persisted|fsynced] before the crash; {n3} [orders|messages|events] were permanently lost.",
			"A restore from backup [overwrote|replaced] newer data, and the lost records had to be rebuilt from [logs|the event stream|customer exports].",
			"Replication [silently|quietly] stopped and when the primary failed the replica was missing {n1} days of data; the data loss was only noticed [by customers|during the restore].",
		},
		trigger: []string{
			"The deletion ran at {time} {zone}.",
		},
		resolution: []string{
			"We restored what we could from backups and replayed the event log.",
			"{person} rebuilt the lost records from audit logs and contacted the affected customers.",
		},
		actions: []string{
			"Test backup restores every month",
			"Require soft deletes for {noun} records",
			"Alert when a backup job fails or is late",
			"Restrict DROP privileges on production databases",
		},
		tags: []string{"data-loss", "backup"},
	},
}

// vendors are third-party providers named in third-party incidents.
var vendors = words(`Stripe Twilio SendGrid Mailgun Okta Auth0 Cloudflare Fastly Akamai
	GitHub GitLab PagerDuty Datadog Segment Algolia Heroku DigitalOcean Linode
	Hetzner OVH Braintree Adyen PayPal Plaid Zendesk Intercom Mapbox Contentful
	Salesforce Shopify Firebase Pusher Ably Vonage Postmark Mailchimp Sentry`)

// databases are the database products named in database incidents.
var databases = words(`PostgreSQL MySQL MongoDB Cassandra Redis Elasticsearch CockroachDB
	DynamoDB Aurora MariaDB ClickHouse Vitess Spanner`)

// related lists, for each category, the categories that commonly appear
// beside it as contributing factors.
var related = map[string][]string{
	"config-change": {"deploy", "process", "monitoring"},
	"deploy":        {"software-bug", "config-change", "process", "monitoring"},
	"capacity":      {"database", "monitoring", "third-party", "software-bug"},
	"software-bug":  {"deploy", "capacity", "monitoring"},
	"third-party":   {"network", "capacity", "monitoring"},
	"database":      {"capacity", "deploy", "software-bug"},
	"network":       {"hardware", "config-change", "third-party"},
	"dns":           {"config-change", "third-party", "process"},
	"certificate":   {"monitoring", "process"},
	"storage":       {"capacity", "monitoring", "hardware"},
	"hardware":      {"storage", "network"},
	"process":       {"config-change", "monitoring"},
	"monitoring":    {"process", "capacity"},
	"security":      {"capacity", "process"},
	"time":          {"software-bug"},
	"data-loss":     {"process", "database", "storage"},
}

func causeByName(name string) *cause {
	for i := range causes {
		if causes[i].name == name {
			return &causes[i]
		}
	}
	return nil
}
