// Package store is the simulator's persistence: one SQLite database per simulated
// account (modernc.org/sqlite, pure Go), in WAL mode, with per-component schema
// migrations so each service owns its own tables.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is one account's database.
type DB struct {
	db   *sql.DB
	path string
}

var memSeq atomic.Int64

// Open opens (creating if needed) the database at path; an empty path gives a private
// in-memory database for ephemeral sessions and tests. It fails with a message a user
// can act on when the directory is unwritable or the file is not a database.
func Open(path string) (*DB, error) {
	var dsn string
	if path == "" {
		dsn = fmt.Sprintf("file:labconsole-mem-%d?mode=memory&cache=shared&_pragma=foreign_keys(1)&_txlock=immediate", memSeq.Add(1))
	} else {
		dir := filepath.Dir(path)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("cannot create data directory %s: %w", dir, err)
		}
		if err := checkWritable(dir); err != nil {
			return nil, err
		}
		dsn = "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", describe(path), err)
	}
	if path == "" {
		// One connection keeps the private in-memory database alive and serializes it.
		db.SetMaxOpenConns(1)
	} else {
		db.SetMaxOpenConns(4)
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s is not a usable labconsole database (corrupt or not SQLite?): %w", describe(path), err)
	}
	var check string
	if err := db.QueryRow(`PRAGMA quick_check`).Scan(&check); err != nil || check != "ok" {
		db.Close()
		if err == nil {
			err = errors.New(check)
		}
		return nil, fmt.Errorf("%s is corrupt: %w", describe(path), err)
	}
	return &DB{db: db, path: path}, nil
}

func describe(path string) string {
	if path == "" {
		return "the in-memory database"
	}
	return "data file " + path
}

func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return fmt.Errorf("data directory %s is not writable: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// Path is the database file, "" when in memory.
func (d *DB) Path() string { return d.path }

// SQL exposes the pool for reads; writes go through Tx.
func (d *DB) SQL() *sql.DB { return d.db }

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// Tx runs fn in one immediate transaction, committing when fn returns nil.
func (d *DB) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Migrate applies the schema steps of component that have not run yet. Steps are
// append-only: step i runs once, in order, in its own transaction with its record.
func (d *DB) Migrate(ctx context.Context, component string, steps []string) error {
	if _, err := d.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate %s: %w", component, err)
	}
	var have int
	err := d.db.QueryRowContext(ctx, `SELECT version FROM schema_versions WHERE component = ?`, component).Scan(&have)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("migrate %s: %w", component, err)
	}
	if have > len(steps) {
		return fmt.Errorf("migrate %s: database is at version %d but this labconsole knows only %d steps (written by a newer version?)", component, have, len(steps))
	}
	for i := have; i < len(steps); i++ {
		step := steps[i]
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			for _, stmt := range splitStatements(step) {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_versions(component, version) VALUES(?, ?)
				ON CONFLICT(component) DO UPDATE SET version = excluded.version`, component, i+1)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s step %d: %w", component, i+1, err)
		}
	}
	return nil
}

func splitStatements(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// Meta reads a key of the account's small key/value table (clock offset, seed marks).
func (d *DB) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := d.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

// SetMeta writes a key of the meta table.
func (d *DB) SetMeta(ctx context.Context, key, value string) error {
	_, err := d.db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
