package common_test

import (
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/common"
)

// TestErrorTextAccountProblem: S3's AccountProblem (the simulator's sandbox storage
// limit) gets a translated explanation with AWS's message kept; other limits keep
// their code and message.
func TestErrorTextAccountProblem(t *testing.T) {
	msg := "There is a problem with your AWS account that prevents the action from completing successfully: this simulated account may store at most 3 objects and stores 3. Delete objects to make room."
	err := &backend.Error{Op: "s3:PutObject", Kind: backend.KindLimitExceeded, Code: "AccountProblem", Message: msg}
	for lang, want := range map[locales.Lang]string{
		locales.English: "storage limit is reached",
		locales.Korean:  "스토리지 한도에 도달했다는 뜻입니다",
	} {
		c := &common.Common{L: locales.New(lang)}
		got := common.ErrorText(c, err)
		if !strings.Contains(got, want) || !strings.Contains(got, "AccountProblem") || !strings.Contains(got, "at most 3 objects") {
			t.Errorf("%v: ErrorText = %q", lang, got)
		}
	}
	// On AWS it is the account's own problem, not a sandbox's limit.
	c := &common.Common{L: locales.New(locales.English), Backend: awsBackend{}}
	if got := common.ErrorText(c, err); strings.Contains(got, "storage limit") || !strings.Contains(got, "problem with the AWS account") || !strings.Contains(got, "at most 3 objects") {
		t.Errorf("on AWS: ErrorText = %q", got)
	}
	other := &backend.Error{Op: "cloudwatch:PutMetricAlarm", Kind: backend.KindLimitExceeded, Code: "LimitExceeded", Message: "The quota for alarms has been reached."}
	if got := common.ErrorText(&common.Common{L: locales.New(locales.English)}, other); got != "LimitExceeded: The quota for alarms has been reached." {
		t.Errorf("another limit = %q", got)
	}
}

// awsBackend is a backend on real AWS; only Info is called.
type awsBackend struct{ backend.Backend }

func (awsBackend) Info() backend.Info { return backend.Info{Mode: backend.ModeAWS} }
