//go:build !unix

package handoff

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
)

// run starts the program at path as a child with this process's standard
// streams and environment, forwards the interrupt signal to it (where the
// system allows; a console's Ctrl-C reaches the child anyway) and exits
// with its exit code. It returns only when the child cannot be started.
func run(path string, args []string) error {
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	if err := cmd.Start(); err != nil {
		signal.Stop(sig)
		return err
	}
	go func() {
		for s := range sig {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	signal.Stop(sig)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return err
	}
	os.Exit(cmd.ProcessState.ExitCode())
	return nil
}
