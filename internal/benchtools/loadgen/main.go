// Command loadgen sends HTTP GET requests at a constant rate (open loop)
// and reports latency percentiles, for the web API's load benchmark in
// BENCHMARKS.md. Latency is measured from each request's scheduled send
// time, so a slow server cannot hide its queueing by slowing the sender
// ("coordinated omission", Tene 2013; wrk2 measures the same way).
//
//	go run ./internal/benchtools/loadgen -rate 1000 -duration 60s URL...
//
// URLs are requested round-robin.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"sync"
	"time"
)

func main() {
	rate := flag.Int("rate", 1000, "requests per second")
	dur := flag.Duration("duration", 60*time.Second, "how long to send")
	warm := flag.Duration("warmup", 5*time.Second, "sent at the same rate first, not counted")
	inflight := flag.Int("max-inflight", 1024, "requests in flight at most (more are counted as errors)")
	results := flag.String("results", "", "append a result line KEY rate=… p50=… (ms) to this file, for scripts/bench.sh")
	key := flag.String("key", "web.load", "key of the result line")
	flag.Parse()
	urls := flag.Args()
	if len(urls) == 0 || *rate < 1 || *dur <= 0 {
		fmt.Fprintln(os.Stderr, "usage: loadgen [-rate N] [-duration D] URL...")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	tr := &http.Transport{MaxIdleConns: *inflight, MaxIdleConnsPerHost: *inflight, IdleConnTimeout: time.Minute}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	var mu sync.Mutex
	var lat []time.Duration
	errs, dropped, non2xx := 0, 0, 0
	sem := make(chan struct{}, *inflight)
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(*rate)
	start := time.Now()
	total := *warm + *dur
	for i := 0; ; i++ {
		at := start.Add(time.Duration(i) * interval)
		if at.Sub(start) >= total || ctx.Err() != nil {
			break
		}
		if d := time.Until(at); d > 0 {
			time.Sleep(d)
		}
		counted := at.Sub(start) >= *warm
		select {
		case sem <- struct{}{}:
		default:
			if counted {
				mu.Lock()
				dropped++
				mu.Unlock()
			}
			continue
		}
		wg.Add(1)
		go func(u string, at time.Time, counted bool) {
			defer wg.Done()
			defer func() { <-sem }()
			resp, err := client.Get(u)
			if err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			d := time.Since(at)
			if !counted {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				errs++
			case resp.StatusCode/100 != 2:
				non2xx++
			default:
				lat = append(lat, d)
			}
		}(urls[i%len(urls)], at, counted)
	}
	wg.Wait()
	slices.Sort(lat)
	q := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	n := len(lat) + errs + non2xx + dropped
	fmt.Printf("target %d req/s for %v (after %v warm-up), %d URL(s)\n", *rate, *dur, *warm, len(urls))
	fmt.Printf("requests %d: ok %d, errors %d, non-2xx %d, dropped (over %d in flight) %d\n", n, len(lat), errs, non2xx, *inflight, dropped)
	fmt.Printf("latency from scheduled send: p50 %v  p90 %v  p99 %v  p99.9 %v  max %v\n",
		q(0.50).Round(time.Microsecond), q(0.90).Round(time.Microsecond), q(0.99).Round(time.Microsecond), q(0.999).Round(time.Microsecond), q(1).Round(time.Microsecond))
	if *results != "" {
		ms := func(p float64) float64 { return float64(q(p)) / 1e6 }
		f, err := os.OpenFile(*results, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			_, err = fmt.Fprintf(f, "%s rate=%d seconds=%g requests=%d errors=%d p50=%.3f p90=%.3f p99=%.3f p999=%.3f max=%.3f\n",
				*key, *rate, dur.Seconds(), n, errs+non2xx+dropped, ms(0.5), ms(0.9), ms(0.99), ms(0.999), ms(1))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
	}
	if errs+non2xx+dropped > 0 {
		os.Exit(1)
	}
}
