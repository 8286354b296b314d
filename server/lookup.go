package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hindsight-kb/hindsight/index"
	"github.com/labstack/echo/v5"
)

// canonicalID wraps the handler of a route with an :id. An id that names
// one incident without being its exact id (a unique prefix, the file
// name, a path) is redirected (302: a prefix may stop being unique) to
// the same URL with the exact id; one that names none, or several,
// answers 404 listing the closest ids.
func (s *Server) canonicalID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		id, err := idParam(c)
		if err != nil {
			return err
		}
		exact, err := s.ix.Resolve(c.Request().Context(), id)
		var nf *index.NotFoundError
		switch {
		case errors.As(err, &nf):
			return errNotFound(didYouMean(nf))
		case errors.Is(err, index.ErrNotFound):
			return errNotFound(fmt.Sprintf("No incident with id %q.", truncate(id, 80)))
		case err != nil:
			return errInternal(fmt.Errorf("resolve %q: %w", truncate(id, 80), err))
		case exact == id:
			return next(c)
		}
		u := *c.Request().URL
		raw := "/incidents/" + c.Param("id")
		p := u.EscapedPath()
		i := strings.Index(p, raw)
		if i < 0 {
			return next(c) // not a path this wrapper knows: serve the id as typed
		}
		loc := p[:i] + "/incidents/" + url.PathEscape(exact) + p[i+len(raw):]
		if s.cfg.BasePath != "" && !strings.HasPrefix(loc, s.cfg.BasePath+"/") {
			loc = s.cfg.BasePath + loc // a proxy stripped the prefix
		}
		if u.RawQuery != "" {
			loc += "?" + u.RawQuery
		}
		return c.Redirect(http.StatusFound, loc)
	}
}

// didYouMean is the 404 message for an id that names no incident or
// several.
func didYouMean(nf *index.NotFoundError) string {
	var b strings.Builder
	if nf.Ambiguous {
		fmt.Fprintf(&b, "%q matches %d incidents.", truncate(nf.Key, 80), len(nf.Closest))
	} else {
		fmt.Fprintf(&b, "No incident with id %q.", truncate(nf.Key, 80))
	}
	if len(nf.Closest) > 0 {
		n := min(len(nf.Closest), 5)
		fmt.Fprintf(&b, " Did you mean: %s", strings.Join(nf.Closest[:n], ", "))
		if len(nf.Closest) > n {
			fmt.Fprintf(&b, " (and %d more)", len(nf.Closest)-n)
		}
		b.WriteString("?")
	}
	return b.String()
}

// apiSync brings the index in step with the corpus folder now, for
// `hindsight index` run while the server holds the index. It needs
// 'Authorization: Bearer <SyncToken>'; the command reads the token from
// the file the server records its address in, which only the user who
// started it can read.
func (s *Server) apiSync(c *echo.Context) error {
	if s.cfg.SyncToken == "" || s.cfg.Sync == nil {
		return newError(http.StatusForbidden, "sync_disabled", "This server does not re-sync on request.")
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(strings.TrimPrefix(c.Request().Header.Get("Authorization"), "Bearer "))))
	want := sha256.Sum256([]byte(s.cfg.SyncToken))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="hindsight-sync"`)
		return newError(http.StatusUnauthorized, "unauthorized", "A valid 'Authorization: Bearer <sync token>' header is required.")
	}
	st, err := s.cfg.Sync(c.Request().Context())
	if err != nil {
		return errInternal(fmt.Errorf("sync: %w", err))
	}
	if st.Failures == nil {
		st.Failures = []index.Failure{}
	}
	return c.JSON(http.StatusOK, st)
}
