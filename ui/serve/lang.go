package serve

import (
	"strings"

	"github.com/labconsole/labconsole/locales"
)

// sessionLang picks a session's starting language: the user name ("ko@host",
// "alice+ko@host") wins because it is the one thing a student can choose on any
// client; then the locale variables the client sent (OpenSSH sends LANG and LC_* when
// SendEnv allows it, as Debian's default ssh_config does); then English.
func sessionLang(id Identity, environ []string) locales.Lang {
	if id.Lang != "" {
		return id.Lang
	}
	return locales.Detect("", envLookup(environ))
}

// envLookup turns the session's KEY=value list into a getenv that never reads the
// server's own environment.
func envLookup(environ []string) func(string) string {
	return func(key string) string {
		v := ""
		for _, kv := range environ {
			if k, val, ok := strings.Cut(kv, "="); ok && k == key {
				v = val // the last one sent wins, as in a shell
			}
		}
		return v
	}
}
