package fullcmd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/internal/cli"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/web"
)

func (a app) serveCmd() *cobra.Command {
	var addr string
	var allowWrites bool
	var timeout time.Duration
	var maxBodyMiB int
	c := &cobra.Command{
		Use:     cli.ServeHelp.Use,
		Short:   cli.ServeHelp.Short,
		Long:    cli.ServeHelp.Long,
		Example: "  infragame serve\n  infragame serve --addr 127.0.0.1:9000 --db my.db",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := a.Format(); err != nil {
				return err
			}
			if a.FormatName != "table" {
				return cli.Usagef("--format does not apply to serve (the API serves JSON; pages are HTML)")
			}
			if timeout <= 0 || timeout > time.Hour {
				return cli.Usagef("--compute-timeout must be in (0, 1h], got %v", timeout)
			}
			if maxBodyMiB < 1 || maxBodyMiB > 1024 {
				return cli.Usagef("--max-body-mb must be in [1, 1024], got %d", maxBodyMiB)
			}
			ctx := cmd.Context()
			set, err := a.Records(ctx)
			if err != nil {
				return err
			}
			files, err := cases.All()
			if err != nil {
				return err
			}
			token := ""
			var imp web.Importer
			if allowWrites {
				if token = os.Getenv("INFRAGAME_TOKEN"); token == "" {
					token = web.NewToken()
				} else if len(token) < 16 {
					return cli.Usagef("INFRAGAME_TOKEN must be at least 16 characters")
				}
				imp = func(ctx context.Context, req web.ImportRequest) (any, *dataset.Set, error) {
					st, err := a.openStore(ctx)
					if err != nil {
						return nil, nil, err
					}
					defer st.Close()
					res, err := st.ImportFile(ctx, req.Name, req.From, req.Kind, req.Content)
					if err != nil {
						return nil, nil, err
					}
					after, err := st.Records(ctx)
					return res, after, err
				}
			}
			srv, err := web.New(web.Config{
				AllowWrites:    allowWrites,
				Token:          token,
				ComputeTimeout: timeout,
				MaxBody:        int64(maxBodyMiB) << 20,
				Version:        cli.BuildVersion(),
				Provenance:     publish.Provenance(i18n.EN, set),
				Log:            a.Err,
			}, web.Data{Set: set, Cases: files}, imp)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			host, port, _ := net.SplitHostPort(ln.Addr().String())
			if host == "" || host == "::" || host == "0.0.0.0" {
				fmt.Fprintf(a.Err, "infragame: note: listening on all interfaces (%s): anyone who can reach this machine can use the app\n", ln.Addr())
				host = "127.0.0.1"
			}
			if strings.Contains(host, ":") {
				host = "[" + host + "]"
			}
			if allowWrites {
				fmt.Fprintf(a.Out, "infragame serve: http://%s:%s/ (imports allowed with 'Authorization: Bearer %s'; Ctrl-C stops)\n", host, port, token)
			} else {
				fmt.Fprintf(a.Out, "infragame serve: http://%s:%s/ (read-only; Ctrl-C stops)\n", host, port)
			}
			err = srv.Serve(ctx, ln)
			if errors.Is(err, ctx.Err()) {
				return nil
			}
			return err
		},
	}
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	c.Flags().BoolVar(&allowWrites, "allow-writes", false, "allow imports through the API (POST /api/v1/imports) with a bearer token (printed, or INFRAGAME_TOKEN)")
	c.Flags().DurationVar(&timeout, "compute-timeout", 20*time.Second, "longest computation one request may start (simulations run as jobs, up to 10 minutes)")
	c.Flags().IntVar(&maxBodyMiB, "max-body-mb", 8, "largest request body, in MiB")
	return c
}
