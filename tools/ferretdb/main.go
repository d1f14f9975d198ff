// Command ferretdb runs an embedded FerretDB 1.x server for development and tests.
//
// It exists because `go install .../cmd/ferretdb` panics without a generated version
// file; embedding the public package sidesteps that. On start it prints one line,
// `MONGODB_URI=<uri>`, on stdout, then serves until SIGINT/SIGTERM or, with
// -exit-on-stdin-close, until its parent closes stdin (so a crashed parent never
// leaves a server behind).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free port)")
	handler := flag.String("handler", "sqlite", "storage backend: sqlite or postgresql")
	sqliteDir := flag.String("sqlite-dir", "", "directory for SQLite files (default: a new temporary directory, removed on exit)")
	postgresURL := flag.String("postgresql-url", "postgres://127.0.0.1:5432/ferretdb", "PostgreSQL URL for the postgresql backend")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	exitOnStdinClose := flag.Bool("exit-on-stdin-close", false, "exit when stdin reaches end of file")
	flag.Parse()

	if err := run(*listen, *handler, *sqliteDir, *postgresURL, *logLevel, *exitOnStdinClose); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, handler, sqliteDir, postgresURL, logLevel string, exitOnStdinClose bool) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level %q: %w", logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Logger:   logger,
		Handler:  handler,
	}

	switch handler {
	case "sqlite":
		if sqliteDir == "" {
			dir, err := os.MkdirTemp("", "careguide-ferretdb-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			sqliteDir = dir
		}
		config.SQLiteURL = "file:" + sqliteDir + "/"
	case "postgresql":
		config.PostgreSQLURL = postgresURL
	default:
		return fmt.Errorf("unknown -handler %q (want sqlite or postgresql)", handler)
	}

	server, err := ferretdb.New(config)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if exitOnStdinClose {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	done := make(chan error, 1)
	go func() { done <- server.Run(ctx) }()

	// MongoDBURI waits until the listener is bound, so the printed port is real.
	fmt.Printf("MONGODB_URI=%s\n", server.MongoDBURI())

	return <-done
}
