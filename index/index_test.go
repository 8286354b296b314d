package index

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestPutGetRoundTrip(t *testing.T) {
	ix, recs := memIndex(t)
	ctx := context.Background()
	n, err := ix.Count()
	if err != nil || n != len(recs) {
		t.Fatalf("Count = %d, %v; want %d", n, err, len(recs))
	}
	for _, want := range recs {
		got, err := ix.Get(ctx, want.ID)
		if err != nil {
			t.Fatalf("Get(%s): %v", want.ID, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Get(%s) = %+v\nwant %+v", want.ID, got, want)
		}
	}
	if _, err := ix.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(nope) err = %v, want ErrNotFound", err)
	}
}

func TestDelete(t *testing.T) {
	ix, recs := memIndex(t)
	ctx := context.Background()
	if err := ix.Delete(ctx, recs[0].ID, "unknown"); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Get(ctx, recs[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("after Delete, Get err = %v", err)
	}
	if n, _ := ix.Count(); n != len(recs)-1 {
		t.Errorf("Count = %d, want %d", n, len(recs)-1)
	}
}

func TestConfigValidate(t *testing.T) {
	for _, c := range []Config{{MaxPageSize: -1}, {LockTimeout: -1}, {MaxPageSize: 1 << 30}} {
		if err := c.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil, want error", c)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Error(err)
	}
}
