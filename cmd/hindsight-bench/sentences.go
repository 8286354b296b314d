package main

// Cause-neutral sentence templates for the sections every postmortem has.
// They use the whole vocabulary: these are where a corpus's long tail of
// names, numbers and identifiers lives.

var summaryOpeners = []string{
	"On {date}, {svc} [experienced|suffered|had] {symptom} for {dur}.",
	"On {date}, between {start} and {end} {zone}, [users|customers] of {svc} [saw|experienced|ran into] {symptom}.",
	"[For|During] {dur} on {date}, {svc} was [degraded|partially unavailable|unavailable] [for|to] [most|some|all] [customers|users].",
	"[Starting|Beginning] at {start} {zone} on {date}, {symptom} [affected|hit] {svc} and [its dependants|{svc2}].",
	"This [document|postmortem|report] [describes|covers] the {symptom} [incident|outage] in {svc} on {date}.",
}

var impactSentences = []string{
	"[Approximately|About|Roughly] {pct} of [requests|users|customers] [to|of] {svc} [saw|experienced|hit] [errors|failures|timeouts] during the incident.",
	"{n3} customers [were affected|contacted support|opened tickets][| in the first hour].",
	"[Checkout|Login|Search|The public API|Signup|The mobile app|Uploading] was [unavailable|degraded|slow] for [most of|part of] the incident.",
	"We estimate {n4} failed [requests|transactions|jobs|API calls].",
	"Customer {Customer} reported [failed|slow|missing] {noun} [requests|results|updates].",
	"The {svc2} [integration|dashboard|export] was [also affected|not affected|degraded as well].",
	"[Median|p99|Average] latency of {svc} rose from {n2} ms to {n3} ms.",
	"[Users|Customers] in {region} were [hit hardest|the most affected|unaffected].",
	"[Revenue|Orders|Signups] [dropped|fell] by {pct} compared with the same hour last week.",
	"The {Codename} [partner|enterprise customer|reseller] [escalated|raised] the issue through their account manager.",
	"[Internal|Background] {noun} processing was delayed by up to {n2} minutes.",
	"[No|Some] [SLA credits|refunds] [were|will be] issued to [affected|enterprise] customers.",
}

var detectionSentences = []string{
	"[An automated alert|A synthetic check|Our on-call engineer|A customer report|A probe from {region}] [detected|flagged|reported] the problem at {detected} {zone}.",
	"{person}, who was on call, was paged at {detected} {zone}.",
	"Detection took {n1} minutes [from|after] the start of impact.",
	"The first [sign|signal] was a [spike|jump] in [errors|latency] on the {svc} dashboard.",
	"[Support|The support team] [escalated|forwarded] {n1} tickets about {symptom} [before|shortly after] the page.",
}

var resolutionSentences = []string{
	"Service was fully restored at {end} {zone}.",
	"We [watched|monitored] {svc} for another {n2} minutes before [closing|resolving] the incident.",
	"[Queued|Delayed] {noun} [jobs|messages|events] were [replayed|reprocessed|drained] over the following {n1} hours.",
	"{person} [confirmed|verified] recovery [with|using] the {codename} [smoke tests|health dashboard|synthetic checks].",
	"The status page was updated to resolved at {end} {zone}.",
}

var lessonSentences = []string{
	"[We|Our team] [responded|reacted] quickly [once|after] the [problem|issue] was [understood|identified].",
	"[The|Our] runbook for {anysvc} [was helpful|was out of date|was missing key steps].",
	"Communication with [customers|support|stakeholders] [could have been|was] [faster|clearer|better].",
	"We got lucky that the incident happened [outside peak hours|on a weekday|during business hours|before the {codename} launch].",
	"It took {n2} minutes to [find|identify] the [right|owning] team for {anysvc}.",
	"The [incident|review] [process|checklist] [worked well|was followed|helped us stay focused].",
	"[Dashboards|Traces|Logs] for {anysvc} [made|helped make] the diagnosis [straightforward|quick|possible].",
	"We [lacked|did not have] [a clear owner|documentation|a dashboard] for the {noun} [flow|path] in {anysvc}.",
	"[Several|Some] engineers [did not know|were unsure] how {anysvc} and {anysvc} [interact|depend on each other].",
	"[Having|Keeping] a [single|dedicated] incident commander [kept|helped keep] the [response|call] [calm|organised].",
	"[The same|A similar] [failure|problem] could [happen|recur] in {anysvc}, which [shares|uses] the same {noun} [design|pattern].",
	"[Rolling back|Failing over|Restarting] was [slower|harder|easier] than [expected|we assumed] because of {adj} {tnoun} [state|dependencies].",
}

var investigationSentences = []string{
	"At {time} {zone}, {person} [noticed|saw|spotted] {adj} [latency|error rates|queue depth] on the {anysvc} dashboard.",
	"The {team} team [checked|examined|reviewed] [the|recent] {tnoun} metrics [for|of] {anysvc} and found nothing [unusual|abnormal|out of the ordinary].",
	"Logs on {host} showed `{err}` [repeated|logged] {n3} times per minute.",
	"We [first|initially] suspected [the|a] {adj} {tnoun} in {anysvc}, [but|however] [that|this] turned out to be [a red herring|unrelated|a symptom rather than the cause].",
	"{person} [joined|was paged into] the incident [call|channel|bridge] at {time} {zone} and [took over as|became] incident commander.",
	"[Requests|Calls|Jobs] from {anysvc} to {anysvc} {verb} [while|as] the {tnoun} {verb}.",
	"The {codename} [dashboard|runbook|tool] [showed|suggested|pointed to] {adj} {tnoun} activity on {host}.",
	"Project {Codename}, which [moves|migrates|rewrites] the {noun} [handling|flow|storage] of {anysvc}, was [in progress|half done|paused] at the time.",
	"Customer {Customer} [opened|filed|escalated] ticket {ticket} about {symptom}.",
	"[Graphs|Metrics|Traces] for {anysvc} [showed|revealed] [a sharp|a gradual|an abrupt] [increase|drop] in {tnoun} [usage|activity|throughput] starting at {time} {zone}.",
	"We [compared|diffed] the {tnoun} [state|settings] on {host} with a healthy [host|node] and found {n1} differences.",
	"[Restarting|Bouncing|Recycling] {anysvc} [helped briefly|did not help|made things worse].",
	"The on-call engineer, {person}, [escalated|handed over] to the {team} team after {n2} minutes.",
	"[Traces|Profiles|Heap dumps] from {host} [showed|revealed] that most time was spent in `{codename}_{noun}()`.",
	"A similar incident ({ticket}) had happened [the previous quarter|last year|{n1} months earlier].",
	"The {adj} {tnoun} {verb} [at|around] {time} {zone}, [and|which] {adv} [affected|slowed] {anysvc}.",
	"{person} [shared|posted] a [graph|screenshot|log excerpt] in #{codename}-[incident|ops|oncall] [showing|that showed] `{err}`.",
	"We [paused|throttled] the {codename} [cron job|batch job|worker] to [reduce|relieve] [pressure|load] on {anysvc}.",
	"By {time} {zone} the {noun} backlog had [grown|shrunk] to {n4} items.",
	"[Several|Many|A few] [customers|users|partners], including {Customer} and {Customer}, [reported|noticed|complained about] {symptom}.",
	"We [confirmed|verified] that {anysvc} and {anysvc} were [healthy|not affected|unaffected].",
	"The {noun} [workers|consumers|handlers] on {host} were [stuck|blocked|waiting] on {adj} {tnoun} [calls|requests|operations].",
	"The error budget of {anysvc} [dropped|fell] [to|by] {pct} [for the month|this quarter].",
	"{person} and {person} [paired|worked together] on [the fix|mitigation|the investigation] [in|over] [the incident channel|a video call].",
	"[Running|We ran] `{codename} [status|inspect|describe] {anysvc}` on {host} [returned|printed] `{err}`.",
	"The {Codename} [migration|rewrite|cleanup], [owned|driven] by the {team} team, had [touched|changed] the {noun} [code|settings|schema] {n1} weeks earlier.",
	"[Until|Before] {time} {zone} the {tnoun} [looked|seemed|appeared] {adj}, which [sent us|led us] down the wrong path.",
	"Our {codename} [SLO|SLI] for {anysvc} [dipped|fell] to {pct}.",
	"{person} [asked|wondered] whether the {adj} {tnoun} on {host} was related; it [was|was not].",
	"We [captured|collected|saved] [a core dump|a heap profile|packet captures|thread dumps] from {host} for later analysis.",
	"The {region} [region|cluster|zone] [recovered|stabilised] first, followed by {region}.",
	"Retries from the {codename} [client|SDK|library] [doubled|tripled|amplified] the load on {anysvc}.",
	"Engineers from {team} and {team} [joined to check|joined to review|helped review] the {tnoun} and {tnoun} [paths|flows].",
	"[A|One] {adj} {tnoun} on {host} had been [logging|reporting] `{err}` [for days|since the weekend|unnoticed] [before the incident|beforehand].",
}

var genericActions = []string{
	"Write a runbook for {anysvc} {noun} failures",
	"Improve status page updates during incidents",
	"Add a dashboard for {anysvc} {noun} latency",
	"Hold a game day for {anysvc}",
	"Document the escalation path to the {team} team",
	"Review timeouts between {anysvc} and {anysvc}",
	"Add the {Codename} checks to the on-call handbook",
	"Track {noun} error rates per tenant",
}

var timelineStart = []string{
	"{svc} [started|began] [returning errors|timing out|degrading]",
	"Impact [starts|begins]: {symptom} on {svc}",
	"First errors [appear|logged] in {svc}",
	"{symptom} [begins|starts] for [customers|users] in {region}",
}

var timelineDetect = []string{
	"[Alert|Page] fired for {symptom} on {svc}",
	"{person} [paged|alerted]; incident opened ({ticket})",
	"Customer reports of {symptom} reach support",
	"Synthetic checks [fail|failing] for {svc}",
}

var timelineEvents = []string{
	"{person} acknowledged the page",
	"Incident declared; {person} is incident commander",
	"Status page updated: investigating",
	"{team} team joined the [call|channel]",
	"[Noticed|Found] {adj} {tnoun} on {host}",
	"Restarted {anysvc} on {host}",
	"Traffic shifted from {region} to {region}",
	"Error rate [at|reached] {pct}",
	"Errors [dropping|recovering|back to baseline]",
	"Escalated to {team}",
	"Logs show `{err}`",
	"[Scaled|Resized] {anysvc} to {n2} replicas",
	"{person} [posted|shared] an update to stakeholders",
	"[Paused|Resumed] the {codename} [job|worker|pipeline]",
	"Customer {Customer} [escalates|reports impact]",
	"Monitoring the fix",
}

var timelineResolved = []string{
	"Incident resolved",
	"All clear; {svc} [healthy|back to normal]",
	"Service [restored|recovered]; [monitoring|closing incident]",
	"Status page: resolved",
}
