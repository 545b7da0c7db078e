// Package awscli builds and shows the AWS CLI equivalent of a console action, so a
// student learns the CLI alongside the console and an operator can see exactly what a
// mutating action will do before confirming it.
package awscli

import (
	"strings"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
)

// Arg is one option: "--user-name" "lab-user". A flag without a value (e.g.
// "--is-multi-region-trail") has an empty Value and Flag set.
type Arg struct {
	Name   string
	Value  string
	Flag   bool
	Secret bool // a password: shown masked, never on screen
}

// Command is `aws <service> <operation> <args…>`.
type Command struct {
	Service   string
	Operation string
	Args      []Arg
}

// New starts a command.
func New(service, operation string) *Command {
	return &Command{Service: service, Operation: operation}
}

// With adds an option with a value; an empty value is left out, as the console leaves
// out optional fields the user did not fill.
func (c *Command) With(name, value string) *Command {
	if value != "" {
		c.Args = append(c.Args, Arg{Name: name, Value: value})
	}
	return c
}

// WithSecret adds an option whose value must never be shown (a password); the line
// shows a placeholder for the user to fill in.
func (c *Command) WithSecret(name, value string) *Command {
	if value != "" {
		c.Args = append(c.Args, Arg{Name: name, Value: value, Secret: true})
	}
	return c
}

// Flag adds a valueless option.
func (c *Command) Flag(name string) *Command {
	c.Args = append(c.Args, Arg{Name: name, Flag: true})
	return c
}

// String is the command as one shell line, for the connection described by info:
// real-AWS mode adds --profile and --region so it can be pasted as is.
func (c *Command) String(info backend.Info) string {
	parts := []string{"aws", c.Service, c.Operation}
	for _, a := range c.Args {
		parts = append(parts, a.Name)
		switch {
		case a.Secret:
			parts = append(parts, "'********'")
		case !a.Flag:
			parts = append(parts, Quote(a.Value))
		}
	}
	if info.Mode == backend.ModeAWS {
		if info.Profile != "" {
			parts = append(parts, "--profile", Quote(info.Profile))
		}
		if info.Region != "" {
			parts = append(parts, "--region", info.Region)
		}
	}
	return strings.Join(parts, " ")
}

// Quote makes s one POSIX shell word: bare when it only has safe characters, else in
// single quotes with embedded quotes escaped.
func Quote(s string) string {
	if s == "" {
		return "''"
	}
	safe := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=,@+%", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// View shows the command under a translated label, wrapped to width.
func View(c *common.Common, cmd *Command, width int) string {
	st := c.Styles
	line := cmd.String(c.Backend.Info())
	return st.Muted.Render(c.T("AWSCLIEquivalent")) + "\n" + st.Text.Width(max(width, 20)).Render("$ "+line)
}
