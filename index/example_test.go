package index_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
)

// exampleRecords are three small incidents.
func exampleRecords() []corpus.Record {
	day := func(s string) *time.Time {
		t, _ := time.Parse("2006-01-02", s)
		return &t
	}
	mins := func(m int) *int { return &m }
	return []corpus.Record{
		{
			ID: "2023-checkout-oom", Source: "2023/checkout-oom.md", Title: "Checkout pods OOMKilled",
			Date: "2023-03-14", StartedAt: day("2023-03-14"), DurationMinutes: mins(47), Services: []string{"checkout"},
			RootCause:  "A cache warmup loaded the whole catalogue into memory and the kernel OOM killer ended the process.",
			Categories: []corpus.Category{{Name: "capacity", Confidence: 0.9}},
			Body:       "Checkout pods OOMKilled. Checkout failed for 47 minutes.",
		},
		{
			ID: "2024-api-cert", Source: "2024/api-cert.md", Title: "Expired certificate on the API gateway",
			Date: "2024-06-02", StartedAt: day("2024-06-02"), DurationMinutes: mins(95), Services: []string{"api-gateway"},
			RootCause:  "The renewal job had failed silently for a month.",
			Categories: []corpus.Category{{Name: "certificate", Confidence: 0.9}},
			Body:       "Clients could not connect because the gateway served an expired certificate.",
		},
		{
			ID: "2024-search-memory", Source: "2024/search-memory.md", Title: "Search workers ran out of memory",
			Date: "2024-09-20", StartedAt: day("2024-09-20"), DurationMinutes: mins(20), Services: []string{"search"},
			RootCause:  "A new index format doubled memory use past the container limit.",
			Categories: []corpus.Category{{Name: "capacity", Confidence: 0.8}},
			Body:       "Search was slow and then down for twenty minutes.",
		},
	}
}

func ExampleIndex_Search() {
	ctx := context.Background()
	ix, err := index.OpenMemory(index.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(ctx, exampleRecords()...); err != nil {
		log.Fatal(err)
	}
	// "memory exhaustion" finds the incident written as "OOMKilled" too:
	// the synonym set says they mean the same.
	res, err := ix.Search(ctx, index.Request{Query: "memory exhaustion after:2023-01"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("total:", res.Total)
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.PrimaryCategory)
	}
	for _, c := range res.Facets.Categories {
		fmt.Printf("facet %s: %d\n", c.Value, c.Count)
	}
	// Unordered output:
	// total: 2
	// 2024-search-memory capacity
	// 2023-checkout-oom capacity
	// facet capacity: 2
}

func ExampleIndex_Similar() {
	ctx := context.Background()
	ix, err := index.OpenMemory(index.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(ctx, exampleRecords()...); err != nil {
		log.Fatal(err)
	}
	res, err := ix.Similar(ctx, "2024-search-memory", 1)
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Similar {
		fmt.Println(h.ID, "shares", h.Why.Categories, "and terms like", h.Why.Terms[0])
	}
	// Output:
	// 2023-checkout-oom shares [capacity] and terms like memory
}
