// Package locales builds the go-i18n bundle from the embedded en and ko message files
// and picks the language, so every visible string has one home per language.
package locales

import (
	"embed"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed en.toml ko.toml
var files embed.FS

// Lang is a language the console speaks.
type Lang string

const (
	English Lang = "en"
	Korean  Lang = "ko"
)

// Langs lists the supported languages in the order the language switch cycles them.
var Langs = []Lang{English, Korean}

var (
	bundleOnce sync.Once
	bundle     *i18n.Bundle
	bundleErr  error
)

// Bundle returns the shared, read-only message bundle. The bundle holds no session
// state, so many SSH sessions can share it; each session has its own Localizer.
func Bundle() (*i18n.Bundle, error) {
	bundleOnce.Do(func() {
		b := i18n.NewBundle(language.English)
		b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		for _, name := range []string{"en.toml", "ko.toml"} {
			data, err := files.ReadFile(name)
			if err != nil {
				bundleErr = err
				return
			}
			if _, err := b.ParseMessageFileBytes(data, name); err != nil {
				bundleErr = fmt.Errorf("locales/%s: %w", name, err)
				return
			}
		}
		bundle = b
	})
	return bundle, bundleErr
}

// File returns the raw message file of lang, for tests that compare the two files.
func File(lang Lang) ([]byte, error) { return files.ReadFile(string(lang) + ".toml") }

// Localizer translates message IDs into one language. It is immutable: switching
// language makes a new one, so a Localizer can be shared by goroutines.
type Localizer struct {
	lang Lang
	l    *i18n.Localizer
}

// New returns a Localizer for lang. An embedded bundle that fails to parse is a build
// defect caught by the package's tests, so New panics only then.
func New(lang Lang) *Localizer {
	b, err := Bundle()
	if err != nil {
		panic(err)
	}
	return &Localizer{lang: lang, l: i18n.NewLocalizer(b, string(lang))}
}

// Lang is the localizer's language.
func (l *Localizer) Lang() Lang { return l.lang }

// T translates id. A missing ID shows as the ID itself rather than failing, and a test
// guarantees every ID used in code exists in both files.
func (l *Localizer) T(id string) string { return l.Tf(id, nil) }

// Tf translates id with template data.
func (l *Localizer) Tf(id string, data map[string]any) string {
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil || s == "" {
		return id
	}
	return s
}

// Parse reads a language name such as "ko", "ko_KR.UTF-8" or "en-US"; ok is false for
// languages the console does not speak.
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_-.@"); i >= 0 {
		s = s[:i]
	}
	for _, l := range Langs {
		if s == string(l) {
			return l, true
		}
	}
	return "", false
}

// Detect picks the language: the flag if given, else LC_ALL, LC_MESSAGES, LANG (the
// POSIX precedence), else English. getenv is os.Getenv outside tests and the SSH
// session's environment when served over SSH.
func Detect(flag string, getenv func(string) string) Lang {
	if l, ok := Parse(flag); ok {
		return l
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := getenv(v); val != "" {
			if l, ok := Parse(val); ok {
				return l
			}
			return English // the first set variable decides, as in POSIX
		}
	}
	return English
}

// Next is the language after l in the switch cycle.
func Next(l Lang) Lang {
	for i, x := range Langs {
		if x == l {
			return Langs[(i+1)%len(Langs)]
		}
	}
	return English
}
