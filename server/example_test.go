package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/hindsight-kb/hindsight/corpus"
	"github.com/hindsight-kb/hindsight/index"
	"github.com/hindsight-kb/hindsight/server"
)

// A server over an in-memory index: answer the JSON search API.
func ExampleNew() {
	ix, err := index.OpenMemory(index.DefaultConfig())
	if err != nil {
		panic(err)
	}
	defer ix.Close()
	rec, err := corpus.Parse("2024-03-dns.md", strings.NewReader(
		"---\ntitle: Resolver cache served retired load balancers\ndate: 2024-03-05\ncategories: [dns]\n---\n\n## Summary\n\nStale DNS answers sent traffic to dead hosts.\n"))
	if err != nil {
		panic(err)
	}
	if err := ix.Put(context.Background(), rec); err != nil {
		panic(err)
	}

	srv, err := server.New(server.DefaultConfig(), ix, nil) // nil Writer: read-only
	if err != nil {
		panic(err)
	}
	srv.SetReady(true) // serve flips this after the first index build

	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/search?q=category:dns", nil))
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Title string `json:"title"`
		} `json:"hits"`
	}
	json.Unmarshal(w.Body.Bytes(), &res)
	fmt.Println(w.Code, res.Total, res.Hits[0].Title)
	// Output: 200 1 Resolver cache served retired load balancers
}
