package lab

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"time"
)

// Progress is how far a student got in a lab: kept with the account, so a student who
// reconnects (or restarts) resumes where they were.
type Progress struct {
	Lab       string          `json:"lab"`
	Account   string          `json:"account"`
	Started   time.Time       `json:"started"`
	Finished  *time.Time      `json:"finished,omitempty"`
	HintsUsed int             `json:"hintsUsed"`
	Hints     map[string]int  `json:"hints,omitempty"` // hints shown per step
	Completed map[string]bool `json:"completed,omitempty"`
}

// Store keeps Progress. Its methods do I/O, so the panel calls them only in tea.Cmds.
type Store interface {
	Load(ctx context.Context, account, lab string) (Progress, bool, error)
	Save(ctx context.Context, p Progress) error
	Clear(ctx context.Context, account, lab string) error
}

// FileStore keeps progress as DIR/labs/<account>-<lab>.json. The simulator's account
// lives in DIR/accounts/<account>.db beside it, and a real account has no place of its
// own for it, so one file store serves both modes; resetting the lab removes the file
// along with the simulated account's state.
type FileStore struct{ Dir string }

func (f FileStore) path(account, lab string) string {
	return filepath.Join(f.Dir, "labs", account+"-"+lab+".json")
}

// Load implements Store.
func (f FileStore) Load(_ context.Context, account, lab string) (Progress, bool, error) {
	data, err := os.ReadFile(f.path(account, lab))
	if errors.Is(err, os.ErrNotExist) {
		return Progress{}, false, nil
	}
	if err != nil {
		return Progress{}, false, err
	}
	var p Progress
	if err := json.Unmarshal(data, &p); err != nil {
		return Progress{}, false, err
	}
	return p, true, nil
}

// Save implements Store, writing a temporary file first so a crash never leaves half
// a file behind.
func (f FileStore) Save(_ context.Context, p Progress) error {
	path := f.path(p.Account, p.Lab)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Clear implements Store.
func (f FileStore) Clear(_ context.Context, account, lab string) error {
	if err := os.Remove(f.path(account, lab)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// Control is what only the simulator can do for a lab: move its clock, reset the
// account, run the lab's scripted activity. Nil in real-AWS mode.
type Control interface {
	Advance(ctx context.Context, d time.Duration) error
	Reset(ctx context.Context) error
	RunActivity(ctx context.Context, lab string) error
}

// Options wire the panel to the session's mode.
type Options struct {
	Lab     string  // lab ID, "lab1" when empty
	Store   Store   // nil: progress lives in memory only
	Control Control // nil: real AWS, no fast-forward, reset or activity
	// Now is the clock for progress times (time.Now when nil); tests pin it.
	Now func() time.Time
}
