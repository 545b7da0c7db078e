package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMigrateRunsEachStepOnceAndPersists(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "acct.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	steps := []string{`CREATE TABLE t (x INTEGER)`, `ALTER TABLE t ADD COLUMN y TEXT; CREATE INDEX t_y ON t(y)`}
	if err := db.Migrate(ctx, "svc", steps); err != nil {
		t.Fatal(err)
	}
	if err := db.Tx(ctx, func(tx *sql.Tx) error { _, err := tx.Exec(`INSERT INTO t VALUES (1, 'a')`); return err }); err != nil {
		t.Fatal(err)
	}
	if err := db.SetMeta(ctx, "clock.offset", "10m"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx, "svc", steps); err != nil {
		t.Fatalf("re-running migrations must be a no-op: %v", err)
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("rows after reopen = %d, %v", n, err)
	}
	if v, ok, _ := db.Meta(ctx, "clock.offset"); !ok || v != "10m" {
		t.Fatalf("meta = %q %v", v, ok)
	}
	var mode string
	db.SQL().QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Fatalf("journal_mode = %q, want wal", mode)
	}
	if err := db.Migrate(ctx, "svc", steps[:1]); err == nil {
		t.Fatal("a database newer than the code must be refused")
	}
}

func TestTxRollsBackOnError(t *testing.T) {
	ctx := context.Background()
	db, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Migrate(ctx, "svc", []string{`CREATE TABLE t (x INTEGER)`})
	_ = db.Tx(ctx, func(tx *sql.Tx) error {
		tx.Exec(`INSERT INTO t VALUES (1)`)
		return os.ErrInvalid
	})
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM t`).Scan(&n)
	if n != 0 {
		t.Fatalf("rolled back insert is visible: %d rows", n)
	}
}

func TestOpenGivesClearErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	os.WriteFile(corrupt, []byte(strings.Repeat("this is not sqlite ", 500)), 0o600)
	if _, err := Open(corrupt); err == nil || !strings.Contains(err.Error(), corrupt) {
		t.Fatalf("corrupt file: err = %v, want a message naming the file", err)
	}
	if os.Geteuid() != 0 { // root can write anywhere
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o500)
		if _, err := Open(filepath.Join(ro, "a.db")); err == nil || !strings.Contains(err.Error(), "not writable") {
			t.Fatalf("read-only dir: err = %v", err)
		}
	}
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o600)
	if _, err := Open(filepath.Join(file, "a.db")); err == nil {
		t.Fatal("a data dir that is a file must fail")
	}
}

func TestInMemoryDatabasesArePrivate(t *testing.T) {
	ctx := context.Background()
	a, _ := Open("")
	b, _ := Open("")
	defer a.Close()
	defer b.Close()
	a.SetMeta(ctx, "k", "a")
	if _, ok, _ := b.Meta(ctx, "k"); ok {
		t.Fatal("two in-memory databases share state")
	}
}
