package sim

import (
	"context"

	"github.com/labconsole/labconsole/backend/sim/cloudtrail"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
	"github.com/labconsole/labconsole/backend/sim/trail"
)

// auditing is the account's CloudTrail: the recorder every call goes through and the
// CloudTrail service that serves Event history and delivers trails.
type auditing struct {
	recorder   *trail.Recorder
	cloudtrail *cloudtrail.Service
}

func (s *Sim) openAuditing(ctx context.Context, db *store.DB) error {
	rec, err := trail.NewRecorder(ctx, db, s.opts.AccountID, s.log)
	if err != nil {
		return err
	}
	ct, err := cloudtrail.New(ctx, db, s.opts.AccountID, rec, nil, s.log)
	if err != nil {
		rec.Close()
		return err
	}
	s.recorder, s.cloudtrail = rec, ct
	return nil
}

// wireBuckets hands CloudTrail the account's S3, which it checks trail buckets in
// and delivers log files and digests to, and the other services a trail may name:
// CloudWatch Logs and SNS always; IAM roles and KMS keys when the account's IAM and
// KMS offer them (cloudtrail.Roles, cloudtrail.KeyResolver).
func (s *Sim) wireBuckets() {
	s.cloudtrail.SetBuckets(s.s3)
	in := cloudtrail.Integrations{Logs: s.logs, Topics: s.sns}
	if r, ok := any(s.iam).(cloudtrail.Roles); ok {
		in.Roles = r
	}
	if k, ok := s.services["kms"].(cloudtrail.KeyResolver); ok {
		in.Keys = k
	}
	s.cloudtrail.SetIntegrations(in)
}

// closeAuditing writes the events still buffered; the database must still be open.
func (s *Sim) closeAuditing() error {
	if s.recorder == nil {
		return nil
	}
	return s.recorder.Close()
}

// record is the router's hook after every authenticated call, successful or not.
func (s *Sim) record(c *service.Call, spec *protocol.Spec, err error) {
	s.recorder.Record(c, spec, err)
}

// recordConsoleLogin turns a console sign-in attempt into a ConsoleLogin event. The
// simulated console signs in through a regional endpoint, so the event is recorded
// in the account's home region, where the student's Event history shows it.
func (s *Sim) recordConsoleLogin(ev ConsoleLogin) {
	s.recorder.RecordConsoleLogin(trail.ConsoleLogin{
		Principal: ev.Principal, Time: ev.Time, Region: s.opts.Region, SourceIP: ev.SourceIP, UserAgent: ev.UserAgent,
		Success: ev.Success, MFAUsed: ev.MFAUsed, ErrorMessage: ev.ErrorMessage,
	})
}

// CloudTrail is the account's CloudTrail service, for in-process set-up and tests.
func (s *Sim) CloudTrail() *cloudtrail.Service { return s.cloudtrail }

// Recorder is the account's CloudTrail recorder (Event history's store).
func (s *Sim) Recorder() *trail.Recorder { return s.recorder }
