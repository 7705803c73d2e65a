package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/tender"
)

// Config is how a [Server] runs.
type Config struct {
	// AllowWrites enables the endpoints that change the store (imports);
	// each needs "Authorization: Bearer <Token>".
	AllowWrites bool
	// Token is the bearer token of writes; [NewToken] makes one.
	Token string
	// ComputeTimeout bounds every computation a request starts (default
	// 20 s). A request that would take longer gets a 503 problem.
	ComputeTimeout time.Duration
	// MaxBody caps every request body in bytes (default 8 MiB).
	MaxBody int64
	// Version is shown in the page footer and the API's /api/v1/version.
	Version string
	// Provenance describes the data (embedded dataset hash, imports).
	Provenance string
	// Log receives one line per request error and per panic (nil: none).
	Log io.Writer
}

// Data is what the server shows: the records (embedded plus imports) and
// the case library. Reload replaces them after a write.
type Data struct {
	Set   *dataset.Set
	Cases []*tender.File
}

// ImportRequest is an uploaded file to import: its name (which, like a
// file's on the command line, may tell the kind and format), the source
// format ("" or "aiddata") and the kind of records ("" to tell from name).
type ImportRequest struct {
	Name, From string
	Kind       dataset.Kind
	Content    []byte
}

// Importer writes a user file into the store and returns what it did and
// the records afterwards; the CLI's serve command provides it when writes
// are allowed.
type Importer func(ctx context.Context, req ImportRequest) (summary any, after *dataset.Set, err error)

// Server is the web app. Create it with [New]; [Server.Handler] serves it.
type Server struct {
	cfg    Config
	mu     sync.RWMutex
	data   Data
	imp    Importer
	mux    *http.ServeMux
	routes []route
	jobs   *jobs
	cache  respCache
	// pageCache keeps rendered pages (see [Server.cached]).
	pageCache respCache
}

// New returns a server over data. imp may be nil (read-only).
func New(cfg Config, data Data, imp Importer) (*Server, error) {
	if data.Set == nil {
		return nil, errors.New("web: no records")
	}
	if cfg.ComputeTimeout <= 0 {
		cfg.ComputeTimeout = 20 * time.Second
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 8 << 20
	}
	if cfg.AllowWrites && len(cfg.Token) < 16 {
		return nil, errors.New("web: writes need a bearer token of at least 16 characters")
	}
	if cfg.AllowWrites && imp == nil {
		return nil, errors.New("web: writes allowed but no importer given")
	}
	s := &Server{cfg: cfg, data: data, imp: imp, mux: http.NewServeMux(), jobs: newJobs(8), cache: respCache{maxBytes: 64 << 20}, pageCache: respCache{maxBytes: 64 << 20}}
	s.routes = s.apiRoutes()
	for _, rt := range s.routes {
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.api(rt))
	}
	s.pages()
	return s, nil
}

// NewToken returns a random 32-hex-digit bearer token.
func NewToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// snapshot returns the current data.
func (s *Server) snapshot() Data {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.data
}

// Handler returns the server's handler with its security headers, body
// limit and panic recovery.
func (s *Server) Handler() http.Handler {
	return s.secure(s.mux)
}

// Serve serves on ln until ctx is done, then shuts down gracefully: it
// stops accepting, cancels running jobs and waits up to 5 s for requests
// in flight.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.cfg.ComputeTimeout + 30*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.jobs.cancelAll()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// contentSecurityPolicy allows the server's own scripts and styles only;
// inline style attributes are allowed for the charts' SVG fallbacks.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// secure adds the security headers, caps the body and turns a panic into a
// 500 problem.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
				writeProblem(w, Problem{Type: "about:blank", Title: "Internal Server Error", Status: 500,
					Detail: "internal error; please report it with the request that caused it", Instance: r.URL.Path})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Log != nil {
		fmt.Fprintf(s.cfg.Log, "infragame serve: "+format+"\n", args...)
	}
}

// route is one API endpoint.
type route struct {
	Method, Pattern, Summary string
	// Write marks an endpoint that changes the store: refused unless
	// writes are allowed, and then only with the token.
	Write bool
	// Raw handlers write their own response (streams, files).
	Raw    http.HandlerFunc
	Handle func(r *http.Request) (any, error)
	// Cache marks a read whose answer depends only on the URL and the
	// data: its JSON is kept until the data change.
	Cache bool
}

// api wraps an endpoint: authorisation, the compute deadline, JSON or
// problem output.
func (s *Server) api(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.Write {
			if !s.cfg.AllowWrites {
				writeProblem(w, Problem{Type: "about:blank", Title: "Forbidden", Status: http.StatusForbidden,
					Detail: "the server is read-only; start it with --allow-writes to import", Instance: r.URL.Path})
				return
			}
			if !s.authorised(r) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="infragame"`)
				writeProblem(w, Problem{Type: "about:blank", Title: "Unauthorized", Status: http.StatusUnauthorized,
					Detail: "writes need the header 'Authorization: Bearer <token>' with the token the server printed at start (or INFRAGAME_TOKEN)", Instance: r.URL.Path})
				return
			}
		}
		if rt.Raw != nil {
			rt.Raw(w, r)
			return
		}
		key := ""
		if rt.Cache {
			key = r.URL.RequestURI()
			if b, ok := s.cache.get(key); ok {
				writeJSONBytes(w, b)
				return
			}
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.ComputeTimeout)
		defer cancel()
		v, err := rt.Handle(r.WithContext(ctx))
		if err != nil {
			p := problemFor(r, err)
			if p.Status >= 500 {
				s.logf("%s %s: %v", r.Method, r.URL.Path, err)
			}
			writeProblem(w, p)
			return
		}
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			writeProblem(w, Problem{Type: "about:blank", Title: "Internal Server Error", Status: 500, Detail: err.Error()})
			return
		}
		b = append(b, '\n')
		if rt.Cache {
			s.cache.put(key, b)
		}
		writeJSONBytes(w, b)
	})
}

// writeJSONBytes writes an encoded JSON document.
func writeJSONBytes(w http.ResponseWriter, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}

// respCache keeps encoded answers of cacheable reads, at most maxBytes in
// all; when full it is emptied (the data are small and reads repeat).
type respCache struct {
	mu       sync.RWMutex
	m        map[string][]byte
	size     int
	maxBytes int
}

func (c *respCache) get(k string) ([]byte, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	b, ok := c.m[k]
	return b, ok
}

func (c *respCache) put(k string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(b) > c.maxBytes/8 {
		return
	}
	if c.m == nil || c.size+len(b) > c.maxBytes {
		c.m, c.size = map[string][]byte{}, 0
	}
	c.m[k] = b
	c.size += len(b)
}

// reset forgets every answer (after the data change).
func (c *respCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m, c.size = nil, 0
}

func (s *Server) authorised(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.Token)) == 1
}

// openAPIDocument is the OpenAPI 3.1 description of the API, served at
// /api/openapi.json.
//
//go:embed openapi.json
var openAPIDocument []byte

// Reload replaces the data the server shows (after an import, for
// instance) and forgets every cached answer and page.
func (s *Server) Reload(d Data) error {
	if d.Set == nil {
		return errors.New("web: no records")
	}
	s.mu.Lock()
	s.data = d
	s.mu.Unlock()
	s.cache.reset()
	s.pageCache.reset()
	return nil
}
