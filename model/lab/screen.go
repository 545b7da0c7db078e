package lab

import (
	"fmt"
	"sort"
	"strings"
)

// Screens are the console screens a step may name in `screen`, each with whether it
// takes an argument after a colon ("iam.user:lab-user", "s3.bucket:BUCKET/PREFIX").
// The console (ui/registry.go) opens each of them by pushing the screens above it in
// order, so esc walks back the way the breadcrumbs read; a test there keeps the two
// lists in step.
var Screens = map[string]bool{
	"billing":                  false,
	"billing.preferences":      false,
	"cloudwatch":               false,
	"cloudwatch.alarms":        false,
	"cloudwatch.alarms.create": false,
	"cloudwatch.topics":        false,
	"cloudwatch.subscriptions": false,
	"cloudwatch.mailbox":       false,
	"iam":                      false,
	"iam.groups":               false,
	"iam.groups.create":        false,
	"iam.group":                true, // a group's page: iam.group:lab-cloudtrail-group
	"iam.users":                false,
	"iam.users.create":         false,
	"iam.user":                 true, // a user's page: iam.user:lab-user
	"cloudtrail":               false,
	"cloudtrail.dashboard":     false,
	"cloudtrail.history":       false,
	"cloudtrail.trails":        false,
	"cloudtrail.trails.create": false,
	"cloudtrail.trail":         true, // a trail's details: cloudtrail.trail:lab-events-trail
	"s3":                       false,
	"s3.buckets":               false,
	"s3.bucket":                true, // a bucket or a folder in it: s3.bucket:BUCKET/AWSLogs/${account}/
}

// SplitScreen splits a step's screen into the screen's name and its argument.
func SplitScreen(s string) (name, arg string) {
	name, arg, _ = strings.Cut(s, ":")
	return name, arg
}

// screenNames lists Screens for error messages.
func screenNames() string {
	names := make([]string, 0, len(Screens))
	for n, arg := range Screens {
		if arg {
			n += ":…"
		}
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// checkScreen returns why s is not a screen the console can open, or "".
func checkScreen(s string) string {
	name, arg := SplitScreen(s)
	takesArg, ok := Screens[name]
	switch {
	case !ok:
		return fmt.Sprintf("unknown screen %q (known: %s)", name, screenNames())
	case takesArg && strings.TrimSpace(arg) == "":
		return fmt.Sprintf("screen %q needs an argument after a colon, e.g. %s:NAME", name, name)
	case !takesArg && strings.Contains(s, ":"):
		return fmt.Sprintf("screen %q takes no argument", name)
	}
	return ""
}
