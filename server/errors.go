package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"
)

// apiError is an error with an HTTP status, a stable machine-readable
// code and a message meant for people. Every handler error becomes one.
type apiError struct {
	Status  int
	Code    string
	Message string
	// Internal is logged, never shown.
	Internal error
}

func (e *apiError) Error() string {
	if e.Internal != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Internal)
	}
	return e.Code + ": " + e.Message
}

func (e *apiError) Unwrap() error { return e.Internal }

func newError(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

var (
	errRateLimited = newError(http.StatusTooManyRequests, "rate_limited", "Too many requests from your address; slow down and retry in a second.")
	errOverloaded  = newError(http.StatusServiceUnavailable, "overloaded", "The server is busy; retry in a second.")
	errNotReady    = newError(http.StatusServiceUnavailable, "not_ready", "The index is still being built; retry in a few seconds.")
	errTimeout     = newError(http.StatusServiceUnavailable, "timeout", "The request took too long; try a narrower query.")
)

func errTooLarge(limit int64) *apiError {
	return newError(http.StatusRequestEntityTooLarge, "too_large", "The request body is larger than the limit of %d bytes.", limit)
}

func errInternal(err error) *apiError {
	return &apiError{Status: http.StatusInternalServerError, Code: "internal", Message: "Something went wrong on our side; it has been logged.", Internal: err}
}

func errNotFound(what string) *apiError {
	return newError(http.StatusNotFound, "not_found", "%s", what)
}

// toAPIError maps any error to an apiError.
func toAPIError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	if status := echo.StatusCode(err); status != 0 {
		msg := http.StatusText(status)
		var he *echo.HTTPError
		if errors.As(err, &he) && he.Message != "" {
			msg = he.Message
		}
		code := strings.ToLower(strings.ReplaceAll(http.StatusText(status), " ", "_"))
		switch status {
		case http.StatusNotFound:
			return newError(status, "not_found", "No page here: check the address.")
		case http.StatusMethodNotAllowed:
			return newError(status, "method_not_allowed", "This method is not allowed here.")
		case http.StatusRequestEntityTooLarge:
			return newError(status, "too_large", "The request body is too large.")
		}
		if status >= 500 {
			return errInternal(err)
		}
		return newError(status, code, "%s", msg)
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errTooLarge(mbe.Limit)
	}
	return errInternal(err)
}

// errorBody is the JSON error shape: {"error":{"code":…,"message":…}}.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func jsonError(ae *apiError) errorBody {
	var b errorBody
	b.Error.Code, b.Error.Message = ae.Code, ae.Message
	return b
}

// wantsJSON reports whether an error should be answered in JSON: for the
// API, and for clients that ask for JSON but not HTML.
func (s *Server) wantsJSON(c *echo.Context) bool {
	p := c.Request().URL.Path
	if strings.HasPrefix(p, s.cfg.BasePath+"/api/") {
		return true
	}
	accept := c.Request().Header.Get("Accept")
	return strings.Contains(accept, "application/json") && !strings.Contains(accept, "text/html")
}

// handleError is the one error handler: JSON for the API, an HTML page
// otherwise. Internal details are logged, not shown.
func (s *Server) handleError(c *echo.Context, err error) {
	if r, _ := echo.UnwrapResponse(c.Response()); r != nil && r.Committed {
		return
	}
	var ae *apiError
	if !errors.As(err, &ae) && echo.StatusCode(err) == http.StatusNotFound {
		c.Set(ctxUnmatched, true)
	}
	ae = toAPIError(err)
	if ae.Status >= 500 && ae.Internal != nil {
		s.log.Error("internal error", "path", c.Request().URL.Path, "error", ae.Internal.Error())
	}
	if ae.Status == http.StatusServiceUnavailable || ae.Status == http.StatusTooManyRequests {
		if c.Response().Header().Get("Retry-After") == "" {
			c.Response().Header().Set("Retry-After", "2")
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	var werr error
	switch {
	case c.Request().Method == http.MethodHead:
		werr = c.NoContent(ae.Status)
	case s.wantsJSON(c):
		werr = c.JSON(ae.Status, jsonError(ae))
	default:
		werr = s.render(c, ae.Status, "error", errorPage{
			page:    page{Title: http.StatusText(ae.Status)},
			Heading: headingFor(ae.Status),
			Message: ae.Message,
		})
	}
	if werr != nil {
		s.log.Error("write error response", "path", c.Request().URL.Path, "error", werr.Error())
	}
}

func headingFor(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Not found"
	case http.StatusBadRequest:
		return "That request could not be read"
	case http.StatusTooManyRequests:
		return "Slow down"
	case http.StatusServiceUnavailable:
		return "Not available right now"
	case http.StatusRequestEntityTooLarge:
		return "Too large"
	case http.StatusUnauthorized, http.StatusForbidden:
		return "Not allowed"
	}
	if status >= 500 {
		return "Something went wrong"
	}
	return http.StatusText(status)
}
