package main

import "strings"

// words splits a whitespace-separated list. The pools below are read-only
// tables: nothing mutates them after initialisation.
func words(s string) []string { return strings.Fields(s) }

// lines splits a list written one entry per line.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

var (
	techNouns = words(`cache queue shard replica cluster node pod container host instance
		gateway proxy router switch firewall bucket volume disk partition index table
		schema migration pipeline worker scheduler cron job batch stream topic consumer
		producer broker endpoint handler middleware library dependency module package
		binary artifact image manifest chart release build runner agent daemon sidecar
		controller operator webhook listener socket connection pool thread goroutine
		heap allocator buffer backlog watermark checkpoint snapshot backup restore
		journal log ledger counter metric gauge histogram alert dashboard pager runbook
		playbook ticket rotation shift handover session token cookie credential secret
		key certificate chain keystore truststore resolver zone record nameserver
		registrar tunnel peering uplink link circuit backbone region datacenter rack
		chassis blade controller fan supply drive array raid filesystem inode mount
		quota limit threshold ceiling budget allocation reservation autoscaler
		balancer listener target healthcheck probe readiness liveness deadline timeout
		retry backoff jitter circuitbreaker bulkhead fallback feature flag toggle
		rollout canary cohort percentage fleet tier shardmap keyspace namespace tenant
		customer account subscription invoice payment checkout cart order shipment
		catalog search recommendation feed timeline notification email sms webhook
		upload download transcoder thumbnail renderer compiler interpreter runtime
		kernel driver firmware microcode bios hypervisor scheduler cgroup namespace
		selector label annotation configmap deployment statefulset daemonset ingress
		service mesh envoy nginx haproxy varnish memcached redis postgres mysql
		cassandra elasticsearch kafka rabbitmq zookeeper etcd consul vault terraform
		ansible puppet chef helm kubernetes docker jenkins github gitlab bitbucket
		sentry grafana prometheus datadog pagerduty opsgenie statuspage slack zoom
		jira confluence cloudflare fastly akamai route53 s3 ec2 rds dynamodb lambda
		bigquery pubsub spanner gcs cloudsql aks eks gke vpc subnet nat bastion vpn
		bgp ospf anycast cdn edge origin pop tls ssl ocsp acme letsencrypt ntp chrony
		leap epoch timestamp timezone clock skew drift lease lock mutex semaphore
		transaction deadlock isolation vacuum autovacuum bloat wraparound replication
		failover failback quorum election leader follower raft paxos consensus
		tombstone compaction sstable memtable wal fsync iops throughput latency
		bandwidth saturation contention starvation exhaustion leak regression
		bottleneck hotspot spike surge storm avalanche stampede herd backpressure`)

	verbsPast = words(`failed degraded stalled crashed restarted recovered drained rebalanced
		throttled rejected dropped retried timed-out spiked plummeted saturated
		overloaded flapped diverged corrupted truncated expired rotated revoked
		renewed rolled reverted promoted demoted evicted killed paged escalated
		acknowledged mitigated resolved confirmed identified isolated reproduced
		bisected patched hotfixed redeployed scaled resized migrated restored
		rebuilt resynced replayed backfilled purged flushed invalidated warmed
		cordoned tainted drained upgraded downgraded pinned unpinned disabled
		enabled toggled reconfigured rerouted blackholed withdrew advertised
		leaked propagated cached poisoned resolved misrouted partitioned fenced
		stuck hung looped spun blocked queued buffered batched compacted vacuumed
		reindexed sharded split merged truncated archived deleted recreated`)

	adjectives = words(`elevated intermittent partial complete widespread localized sporadic
		sustained transient persistent cascading unexpected unplanned routine
		automated manual stale outdated misconfigured malformed invalid duplicate
		missing orphaned dangling unbounded excessive insufficient undersized
		oversized noisy silent flaky brittle fragile critical major minor degraded
		healthy unhealthy primary secondary standby redundant regional global
		internal external upstream downstream synchronous asynchronous idempotent
		concurrent sequential hourly nightly weekly quarterly legacy deprecated
		experimental beta production staging canary shared dedicated ephemeral
		persistent encrypted compressed cached cold warm hot slow fast delayed
		premature conflicting inconsistent ambiguous undocumented unmonitored
		unnoticed overlooked latent dormant recurring novel rare frequent subtle
		obvious misleading confusing verbose sparse dense heavy light aggressive
		conservative lenient strict permissive restrictive`)

	adverbs = words(`quickly slowly gradually abruptly immediately eventually partially
		completely intermittently repeatedly silently unexpectedly briefly
		temporarily permanently manually automatically incorrectly accidentally
		inadvertently consistently occasionally steadily sharply roughly nearly`)

	symptoms = lines(`elevated error rates
		increased latency
		failed logins
		5xx responses
		timeouts on checkout
		degraded search results
		delayed notifications
		missing data in dashboards
		failed deployments
		stuck background jobs
		dropped webhooks
		slow page loads
		unavailable API
		partial outage
		complete outage
		failed payments
		lost messages
		duplicate emails
		broken uploads
		stale cache responses
		connection resets
		intermittent 502 errors
		login loops
		failing health checks
		delayed builds
		missing search results
		read-only mode
		failed file syncs
		empty dashboards
		dropped metrics`)

	svcPrefixes = words(`auth billing payments checkout cart catalog search ledger inventory
		shipping orders accounts identity profile session notify mailer sms push
		media upload thumbnail video audio stream feed timeline graph social chat
		messaging inbox calendar contacts files storage backup archive export import
		report analytics metrics logging tracing events audit compliance fraud risk
		pricing quote invoice tax refund subscription plans trial onboarding signup
		admin console portal dashboard gateway edge router proxy dns cdn cert vault
		secrets config flags experiments ranking recommend ads campaign marketing
		crm support ticket helpdesk docs wiki build deploy release artifact registry
		scheduler cron queue worker batch etl warehouse lake ingest parser indexer
		crawler geo maps routing dispatch fleet driver rider tracking telemetry iot
		device firmware sensor webhook integration partner sync mirror replica`)

	svcSuffixes = words(`api service svc gateway worker daemon proxy frontend backend web app
		store db cache queue consumer producer scheduler controller manager agent
		server client core engine pipeline processor indexer sync relay bridge
		adapter broker router exporter collector`)

	regions = words(`us-east-1 us-east-2 us-west-1 us-west-2 eu-west-1 eu-west-2 eu-central-1
		eu-north-1 ap-southeast-1 ap-southeast-2 ap-northeast-1 ap-south-1 sa-east-1
		ca-central-1 me-south-1 af-south-1 fra1 ams3 lon1 nyc3 sfo2 sgp1 blr1 tor1
		iad dfw ord lax sjc sea atl mia gru nrt hkg syd cdg lhr fra`)

	hostRoles = words(`web app api db pg mysql redis mc kafka zk es lb edge cdn build ci
		worker batch cron mq nfs ceph minio vault consul etcd k8s node ingress
		proxy bastion vpn dns ntp log mon prom graf`)

	orgFirst = words(`Acme Northwind Contoso Globex Initech Umbrella Hooli Vandelay Stark
		Wayne Tyrell Cyberdyne Soylent Aperture Wonka Oscorp Massive Dynamic Pied
		Piper Gringotts Monarch Blue Red Green Silver Golden Iron Copper Granite
		Cedar Maple Birch Willow Aspen Harbor Summit Beacon Lantern Compass Anchor
		Falcon Heron Otter Badger Lynx Orca Puffin Kestrel Raven Sparrow Quartz
		Cobalt Indigo Saffron Juniper Nimbus Stratus Cirrus Vertex Apex Zenith
		Orbit Nova Pulse Signal Vector Prism Helix Delta Sigma`)

	orgSecond = words(`Cloud Labs Systems Networks Software Analytics Payments Health Media
		Logistics Commerce Data Works Technologies Digital Platforms Games Energy
		Bank Insurance Travel Mobility Learning Security Robotics Studio Foods`)

	firstNames = words(`Alice Bob Carol Dave Erin Frank Grace Heidi Ivan Judy Mallory Niaj
		Olivia Peggy Rupert Sybil Trent Victor Walter Aisha Bilal Chen Dmitri Elena
		Fatima Gustavo Hiroshi Ingrid Jamal Kenji Leila Mateo Nadia Omar Priya Quentin
		Rosa Sanjay Tomasz Uma Vikram Wei Ximena Yusuf Zara Amara Bruno Camila Diego
		Emeka Farah Giulia Hana Ibrahim Jonas Kavya Lars Mei Nikolai Oluwaseun Pablo
		Rania Santiago Thandiwe Ulrich Valentina Wiktor Yara Zeynep Anders Beatriz
		Cyrus Dana Eitan Freya Goran Hugo Isla Jin Kofi Lucia Marek Noor Oskar Paulo
		Rhea Soren Tariq Ugo Vera Wendell Xin Yoshi Zoltan`)

	lastNames = words(`Smith Johnson Garcia Nguyen Kim Patel Muller Rossi Silva Kowalski
		Tanaka Haddad Okafor Andersen Novak Ivanova Dubois Fischer Costa Cohen Singh
		Khan Murphy OBrien Yamamoto Larsen Petrov Hernandez Lopez Gonzalez Wang Li
		Zhang Liu Chen Yang Huang Zhao Wu Zhou Schmidt Schneider Weber Meyer Wagner
		Becker Hoffmann Schulz Koch Richter Klein Wolf Neumann Schwarz Zimmermann
		Braun Hartmann Lange Werner Krause Lehmann Kaiser Fuchs Peters Moreau Laurent
		Simon Michel Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet
		Dupont Lambert Fontaine Rousseau Vincent Muller Faure Andre Mercier Blanc
		Guerin Boyer Garnier Chevalier Francois Legrand Gauthier Perrin Robin Clement
		Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont
		Marie Lemaire Noel Meyer Dufour Meunier Brun Blanchard Giraud Joly Riviere`)

	teams = words(`SRE platform infrastructure networking storage database payments
		identity security release observability frontend mobile data ml search
		core billing growth support compliance reliability`)

	errorTemplates = lines(`connection reset by peer
		i/o timeout after {n2}s
		context deadline exceeded
		x509: certificate has expired or is not yet valid
		no such host {host}
		dial tcp {ip}:{port}: connect: connection refused
		HTTP {code5} from upstream {svc}
		OOMKilled (exit code 137)
		java.lang.OutOfMemoryError: GC overhead limit exceeded
		too many open files
		no space left on device
		ERROR: deadlock detected
		FATAL: remaining connection slots are reserved
		ERROR: could not serialize access due to concurrent update
		read-only file system
		SERVFAIL for {host}
		NXDOMAIN for {svc}.internal
		TLS handshake timeout
		upstream connect error or disconnect/reset before headers
		503 Service Unavailable
		502 Bad Gateway
		504 Gateway Timeout
		429 Too Many Requests
		panic: runtime error: invalid memory address or nil pointer dereference
		panic: runtime error: index out of range [{n1}] with length {n1}
		NullPointerException in {Codename}Handler
		segmentation fault (core dumped)
		Lock wait timeout exceeded; try restarting transaction
		Too many connections
		replication lag of {n3} seconds
		ReadTimeout: HTTPSConnectionPool(host='{svc}', port=443)
		KeyError: '{codename}_id'
		TypeError: cannot read property '{codename}' of undefined
		ECONNREFUSED {ip}:{port}
		ETIMEDOUT while calling {svc}
		certificate verify failed: unable to get local issuer certificate
		CrashLoopBackOff
		ImagePullBackOff for {svc}:{version}
		Evicted: the node was low on resource: memory
		disk quota exceeded
		clock skew too great
		invalid token: token used before issued
		ProvisionedThroughputExceededException
		RequestLimitExceeded
		ThrottlingException: Rate exceeded
		kafka: client has run out of available brokers
		redis: connection pool timeout
		ERR max number of clients reached
		MISCONF Redis is configured to save RDB snapshots
		Elasticsearch cluster health RED
		circuit breaker open for {svc}
		rate limit exceeded for tenant {n3}
		permission denied (publickey)
		AccessDenied: User is not authorized to perform s3:GetObject
		failed to acquire lease {codename}-{n2}
		checksum mismatch on block {n4}
		input/output error on /dev/{disk}
		SMART failure predicted on /dev/{disk}
		ECC memory errors on {host}
		kernel: NMI watchdog: BUG: soft lockup
		BGP session to AS{n4} down
		packet loss of {n2}% between {region} and {region}`)

	// syllables build code names, customer names and other identifiers
	// that make up the long tail of a real corpus's vocabulary.
	onsets  = words(`b br c ch cl cr d dr f fl fr g gl gr h j k kl kr l m n p pl pr qu r s sc sh sk sl sm sn sp st str t th tr v w z`)
	nuclei  = words(`a e i o u ai au ea ee io oa ou y`)
	codas   = words(`n r l s x m t k nd rn st th ck ll ss rd lt nt rk sh`)
	diskDev = words(`sda sdb sdc nvme0n1 nvme1n1 xvda xvdf vdb md0`)
)
