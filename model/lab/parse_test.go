package lab

import (
	"errors"
	"strings"
	"testing"
)

const good = `id: demo
title: {en: Demo, ko: 데모}
parts:
  - id: A
    title: {en: Part A, ko: A 부분}
    steps:
      - id: A1
        title: {en: Create a group, ko: 그룹 생성}
        body: {en: "Create **lab-group**.", ko: "**lab-group**을 생성한다."}
        hints:
          - {en: Use IAM, ko: IAM을 사용한다}
        screen: iam.groups
        check:
          group: {name: lab-group, policies: [AWSCloudTrail_FullAccess]}
      - id: A2
        title: {en: Wait, ko: 대기}
        body: {en: Wait., ko: 기다린다.}
        wait: 5m
        check:
          all:
            - trail: {name: t, logging: true}
            - object: {bucket: "b-${account}", prefix: AWSLogs/}
`

func TestParseGood(t *testing.T) {
	l, err := Parse("demo.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	steps := l.Steps()
	if len(steps) != 2 || steps[0].Check.Group.Policies[0] != "AWSCloudTrail_FullAccess" || steps[1].Check.All[1].Object.Prefix != "AWSLogs/" {
		t.Fatalf("parsed %+v", steps)
	}
	if steps[0].Line != 7 || steps[0].Title.In("ko") != "그룹 생성" || steps[0].Title.In("fr") != "Create a group" {
		t.Fatalf("line %d, titles %v", steps[0].Line, steps[0].Title)
	}
}

func TestParseErrorsNameFileLineAndField(t *testing.T) {
	cases := []struct {
		name, edit, from, want string
	}{
		{"unknown step field", "        screen: iam.groups\n", "        screem: iam.groups\n", "demo.yaml:12: step.screem: unknown field"},
		{"unknown check kind", "          group: {name: lab-group", "          grup: {name: lab-group", "demo.yaml:14: check.grup: unknown field"},
		{"unknown check field", "policies: [AWSCloudTrail_FullAccess]", "polices: [AWSCloudTrail_FullAccess]", "demo.yaml:14: check.group.polices: unknown field"},
		{"missing Korean", "title: {en: Create a group, ko: 그룹 생성}", "title: {en: Create a group}", "demo.yaml:8: step A1.title.ko: missing text"},
		{"bad wait", "wait: 5m", "wait: soon", `demo.yaml:18: step A2.wait: "soon" is not a positive duration`},
		{"two kinds in one check", "            - trail: {name: t, logging: true}\n", "            - trail: {name: t, logging: true}\n              event: {name: X}\n", "one kind per check"},
		{"duplicate step", "      - id: A2\n", "      - id: A1\n", `step "A1" is already defined on line 7`},
		{"bad YAML", "parts:\n", "parts: [\n", "demo.yaml:"},
		{"unknown screen", "        screen: iam.groups\n", "        screen: iam.grops\n", `demo.yaml:12: step A1.screen: unknown screen "iam.grops"`},
		{"screen without its argument", "        screen: iam.groups\n", "        screen: \"iam.user:\"\n", `demo.yaml:12: step A1.screen: screen "iam.user" needs an argument`},
		{"screen with an argument it does not take", "        screen: iam.groups\n", "        screen: iam.groups:x\n", `demo.yaml:12: step A1.screen: screen "iam.groups" takes no argument`},
		{"unknown object field", "prefix: AWSLogs/}", "prefix: AWSLogs/, after: X}", "check.object.after: unknown field"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(good, c.edit, c.from, 1)
			if src == good {
				t.Fatalf("edit %q did not apply", c.edit)
			}
			_, err := Parse("demo.yaml", []byte(src))
			var le *Error
			if !errors.As(err, &le) {
				t.Fatalf("err = %v (%T), want *lab.Error", err, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %q, want it to contain %q", err, c.want)
			}
		})
	}
}
