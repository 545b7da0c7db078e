// Package lab is the format of a guided lab: parts, steps with text in every language,
// hints, the screen a step happens on, and a declarative check of the account's state.
// Labs are data (assets/labs/*.yaml), so an instructor can write one without Go; this
// package parses and validates them and reports mistakes by file, line and field.
package lab

// Text is a message in each language the console speaks ("en", "ko").
type Text map[string]string

// In returns the text in lang, falling back to English.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t["en"]
}

// Lab is one guided lab.
type Lab struct {
	ID      string
	Title   Text
	Summary Text
	Parts   []*Part
	File    string // where it was loaded from, for error messages
}

// Part is a group of steps ("Part A — a billing alarm").
type Part struct {
	ID    string
	Title Text
	Steps []*Step
	Line  int
	keys  keyLines
}

// Step is one thing the student does, with the check that says it is done.
type Step struct {
	ID    string
	Title Text
	Body  Text // Markdown
	Hints []Text
	// Screen is the console screen the step happens on, one of Screens, e.g.
	// "iam.groups.create" or, with an argument, "iam.user:lab-user".
	Screen string
	// Wait names simulated time the step may need (trail delivery, alarm evaluation);
	// the lab panel offers to fast-forward the clock by it.
	Wait  string
	Check *Check
	Line  int
	keys  keyLines
}

// Steps returns every step of the lab in order.
func (l *Lab) Steps() []*Step {
	var out []*Step
	for _, p := range l.Parts {
		out = append(out, p.Steps...)
	}
	return out
}

// keyLines remembers the line of each key of a mapping, so errors point at the field.
type keyLines map[string]int

// at is the line of key, or fallback when the key is absent.
func (k keyLines) at(key string, fallback int) int {
	if l, ok := k[key]; ok {
		return l
	}
	return fallback
}
