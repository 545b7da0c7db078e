package main

import (
	"os"
	"path/filepath"
)

// defaultDataDir is $XDG_DATA_HOME/labconsole, else ~/.local/share/labconsole.
func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "labconsole")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "labconsole")
	}
	return filepath.Join(os.TempDir(), "labconsole")
}
