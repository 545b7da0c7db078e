package awscli

import (
	"testing"

	"github.com/labconsole/labconsole/backend"
)

func TestCommandString(t *testing.T) {
	sim := backend.Info{Mode: backend.ModeSimulator, Region: "ap-northeast-2"}
	aws := backend.Info{Mode: backend.ModeAWS, Region: "us-east-1", Profile: "lab admin"}
	cases := []struct {
		name string
		cmd  *Command
		info backend.Info
		want string
	}{
		{"simple", New("iam", "create-user").With("--user-name", "lab-user"), sim, "aws iam create-user --user-name lab-user"},
		{"empty values are left out", New("iam", "create-user").With("--user-name", "u").With("--path", ""), sim, "aws iam create-user --user-name u"},
		{"tags and flags", New("cloudtrail", "create-trail").With("--name", "lab-events-trail").Flag("--is-multi-region-trail"), sim,
			"aws cloudtrail create-trail --name lab-events-trail --is-multi-region-trail"},
		{"quoting", New("iam", "create-user").With("--user-name", "it's").With("--path", "/a b/"), sim,
			`aws iam create-user --user-name 'it'\''s' --path '/a b/'`},
		{"passwords never shown", New("iam", "create-login-profile").With("--user-name", "lab-user").WithSecret("--password", "Suwon#0307"), sim,
			`aws iam create-login-profile --user-name lab-user --password '********'`},
		{"real AWS adds profile and region", New("sts", "get-caller-identity"), aws, "aws sts get-caller-identity --profile 'lab admin' --region us-east-1"},
		{"tag syntax stays bare", New("iam", "tag-user").With("--tags", "Key=Name,Value=lab-user"), sim, "aws iam tag-user --tags Key=Name,Value=lab-user"},
	}
	for _, c := range cases {
		if got := c.cmd.String(c.info); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}
