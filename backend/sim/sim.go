// Package sim is the embedded AWS simulator: an http.Handler that speaks the AWS wire
// protocols for one simulated account. The console reaches it in-process through
// RoundTripper; `labconsole sim` serves the same handler on a loopback port for the
// AWS CLI and SDKs.
package sim

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend/sim/billing"
	"github.com/labconsole/labconsole/backend/sim/clock"
	"github.com/labconsole/labconsole/backend/sim/cloudwatch"
	"github.com/labconsole/labconsole/backend/sim/ec2"
	"github.com/labconsole/labconsole/backend/sim/iam"
	"github.com/labconsole/labconsole/backend/sim/kms"
	"github.com/labconsole/labconsole/backend/sim/logs"
	"github.com/labconsole/labconsole/backend/sim/s3"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/sns"
	"github.com/labconsole/labconsole/backend/sim/store"
	"github.com/labconsole/labconsole/backend/sim/sts"
)

// Defaults of a fresh lab account.
const (
	DefaultAccountID = "123456789012"
	DefaultRegion    = "ap-northeast-2"
)

// Options configure one simulated account.
type Options struct {
	AccountID string // 12 digits; DefaultAccountID when empty
	Region    string // the account's home region; DefaultRegion when empty
	// DataDir holds the account's database (DataDir/accounts/<id>.db). Empty means
	// ephemeral: state lives in memory and is gone on Close.
	DataDir string
	// Now is the base the simulated clock runs ahead of (time.Now when nil). Tests pin
	// it for stable dates; signatures are always checked against the real wall clock,
	// since clients sign with real time.
	Now    func() time.Time
	Logger *slog.Logger
	// BillingUSEast1Only serves AWS/Billing metrics only in us-east-1, as real AWS
	// does (off: every region sees them, so the lab needs no region switch).
	BillingUSEast1Only bool
	// S3Limits bounds the objects and bytes the account's S3 stores (zero: no limit);
	// a write past them is refused with an AWS-shaped 403 (s3/quota.go).
	S3Limits s3.Limits
	// Throttling refuses requests over AWS's documented per-account rates (at
	// least CloudTrail LookupEvents, 2 per second per Region) with the service's
	// "Rate exceeded" error, as real AWS does (throttle.go). Off: no limit.
	Throttling bool
	// IAMPropagationDelay simulates IAM's eventual consistency: for this long in
	// real time after a request creates or changes an IAM user, group, login
	// profile, access key, membership or policy attachment, other requests do not
	// see it (NoSuchEntity; InvalidClientTokenId for a new access key; a failed
	// console sign-in). 0: changes are visible at once.
	IAMPropagationDelay time.Duration
}

// Sim is one simulated account.
type Sim struct {
	opts     Options
	db       *store.DB
	clock    *clock.Clock
	iam      *iam.Service
	services map[string]service.Service // by SigV4 signing name
	admin    iam.Credentials
	sched    *scheduler
	stop     context.CancelFunc
	done     chan struct{}
	log      *slog.Logger
	mu       sync.RWMutex // requests hold it for reading; Reset for writing
	// consoleLogins are told about console sign-ins (signin.go).
	consoleLogins consoleLoginHooks
	s3            *s3.Service
	throttles     throttler // Options.Throttling's token buckets (throttle.go)
	monitoring
	auditing
}

var accountIDPattern = regexp.MustCompile(`^\d{12}$`)

// New opens (or creates) the account and seeds it on first use.
func New(ctx context.Context, opts Options) (*Sim, error) {
	if opts.AccountID == "" {
		opts.AccountID = DefaultAccountID
	}
	if !accountIDPattern.MatchString(opts.AccountID) {
		return nil, fmt.Errorf("account ID %q must be 12 digits", opts.AccountID)
	}
	if opts.Region == "" {
		opts.Region = DefaultRegion
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Sim{opts: opts, log: opts.Logger, throttles: throttler{now: time.Now}}
	if err := s.open(ctx, nil); err != nil {
		return nil, err
	}
	s.OnConsoleLogin(s.recordConsoleLogin)
	s.startBackground()
	return s, nil
}

func (s *Sim) dbPath() string {
	if s.opts.DataDir == "" {
		return ""
	}
	return filepath.Join(s.opts.DataDir, "accounts", s.opts.AccountID+".db")
}

func (s *Sim) open(ctx context.Context, keep *iam.Credentials) error {
	db, err := store.Open(s.dbPath())
	if err != nil {
		return err
	}
	offset, err := loadOffset(ctx, db)
	if err != nil {
		db.Close()
		return err
	}
	s.db = db
	s.clock = clock.New(s.opts.Now, offset)
	s.iam, err = iam.New(ctx, db, s.opts.AccountID)
	if err != nil {
		db.Close()
		return err
	}
	s.iam.SetPropagationDelay(s.opts.IAMPropagationDelay)
	s.admin, err = s.iam.SeedAdministrator(ctx, s.clock.Now(), keep)
	if err != nil {
		db.Close()
		return fmt.Errorf("seeding the account: %w", err)
	}
	if err := s.openMonitoring(ctx, db); err != nil {
		db.Close()
		return err
	}
	if err := s.openAuditing(ctx, db); err != nil {
		db.Close()
		return err
	}
	if s.s3, err = s3.New(ctx, db, s.opts.AccountID); err != nil {
		db.Close()
		return err
	}
	s.s3.SetLimits(s.opts.S3Limits)
	ec2Svc, err := ec2.New(ctx, db, s.opts.AccountID, s.opts.Region, s.clock.Now)
	if err != nil {
		db.Close()
		return err
	}
	kmsSvc, err := kms.New(ctx, db, s.opts.AccountID, s.opts.Region, s.clock.Now)
	if err != nil {
		db.Close()
		return err
	}
	s.sched = &scheduler{}
	s.sched.add(s.billing) // before CloudWatch, so alarms see the new charges
	s.services = map[string]service.Service{}
	for _, svc := range []service.Service{
		s.iam,
		sts.New(),
		s.cloudwatch,
		s.sns,
		s.logs,
		s.cloudtrail,
		s.s3,
		ec2Svc, // a billing.CostSource: SourcesFor below bills its running instances
		kmsSvc,
	} {
		s.services[svc.Spec().SigningName] = svc
		if t, ok := svc.(Ticker); ok {
			s.sched.add(t)
		}
	}
	s.billing.AddSources(billing.SourcesFor(s.services)...)
	s.wireBuckets()
	return nil
}

// monitoring is the account's CloudWatch, SNS, CloudWatch Logs and bill.
type monitoring struct {
	cloudwatch *cloudwatch.Service
	sns        *sns.Service
	logs       *logs.Service
	billing    *billing.Billing
}

func (s *Sim) openMonitoring(ctx context.Context, db *store.DB) (err error) {
	acct := s.opts.AccountID
	if s.cloudwatch, err = cloudwatch.New(ctx, db, acct, cloudwatch.Options{BillingUSEast1Only: s.opts.BillingUSEast1Only}); err != nil {
		return err
	}
	if s.sns, err = sns.New(ctx, db, acct, s.clock.Now); err != nil {
		return err
	}
	s.cloudwatch.SetNotifier(s.sns)
	if s.logs, err = logs.New(ctx, db, acct, s.opts.Region, s.clock.Now); err != nil {
		return err
	}
	s.billing, err = billing.New(ctx, db, s.clock.Now, s.cloudwatch)
	return err
}

// serveMonitoringControl answers the control API's billing and mailbox endpoints.
func (s *Sim) serveMonitoringControl(w http.ResponseWriter, r *http.Request, path string, body []byte) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.billing.ServeControl(w, r, path, body) || s.sns.ServeControl(w, r, path, body)
}

// CloudWatch is the account's CloudWatch, for in-process metrics (AWS/… namespaces).
func (s *Sim) CloudWatch() *cloudwatch.Service { return s.cloudwatch }

// SNS is the account's SNS, for in-process notifications and the mailbox.
func (s *Sim) SNS() *sns.Service { return s.sns }

// Logs is the account's CloudWatch Logs, for in-process delivery (CloudTrail).
func (s *Sim) Logs() *logs.Service { return s.logs }

// Billing is the account's bill: preferences, spend knob, cost sources.
func (s *Sim) Billing() *billing.Billing { return s.billing }

const offsetKey = "clock.offset"

func loadOffset(ctx context.Context, db *store.DB) (time.Duration, error) {
	v, ok, err := db.Meta(ctx, offsetKey)
	if err != nil || !ok {
		return 0, err
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s: bad clock offset %q", db.Path(), v)
	}
	return d, nil
}

// AccountID is the simulated account's ID.
func (s *Sim) AccountID() string { return s.opts.AccountID }

// Region is the account's home region.
func (s *Sim) Region() string { return s.opts.Region }

// AdminCredentials is the access key of the seeded Administrator user.
func (s *Sim) AdminCredentials() iam.Credentials { return s.admin }

// Clock is the account's simulated clock.
func (s *Sim) Clock() *clock.Clock { return s.clock }

// Advance fast-forwards simulated time and persists the new offset.
func (s *Sim) Advance(ctx context.Context, d time.Duration) (from, to time.Time, err error) {
	from, to = s.clock.Advance(d)
	if err = s.db.SetMeta(ctx, offsetKey, s.clock.Offset().String()); err != nil {
		return from, to, err
	}
	return from, to, s.RunDue(ctx)
}

// Reset throws the account's state away and seeds a fresh account. The
// administrator keeps the same access key, so credentials already exported in a
// student's shell keep working.
func (s *Sim) Reset(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := s.db.Path()
	if err := s.closeAuditing(); err != nil {
		s.log.Error("writing CloudTrail events before the reset failed", "err", err)
	}
	if err := s.db.Close(); err != nil {
		return err
	}
	if path != "" {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := removeIfExists(path + suffix); err != nil {
				return err
			}
		}
	}
	admin := s.admin
	return s.open(ctx, &admin)
}

// backgroundInterval is how often, in real time, due background work is looked for.
const backgroundInterval = 5 * time.Second

// startBackground runs due work (delivery, evaluation) as real time passes, so the
// simulator behaves like AWS without anyone fast-forwarding the clock.
func (s *Sim) startBackground() {
	ctx, cancel := context.WithCancel(context.Background())
	s.stop, s.done = cancel, make(chan struct{})
	go func() {
		defer close(s.done)
		t := time.NewTicker(backgroundInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := s.RunDue(ctx); err != nil && ctx.Err() == nil {
					s.log.Error("background work failed", "err", err)
				}
			}
		}
	}()
}

// Close stops background work and releases the account's database.
func (s *Sim) Close() error {
	s.stop()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.closeAuditing(); err != nil {
		s.log.Error("writing the last CloudTrail events failed", "err", err)
	}
	return s.db.Close()
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// IAM is the account's IAM service, for in-process set-up (scenarios, tests) that
// must not go through the wire.
func (s *Sim) IAM() *iam.Service { return s.iam }

// S3 is the account's S3, for in-process delivery (CloudTrail logs), billing and
// set-up that must not go through the wire.
func (s *Sim) S3() *s3.Service { return s.s3 }

// KMS is the account's KMS, for in-process key lookups (CloudTrail's SSE-KMS) and
// set-up that must not go through the wire.
func (s *Sim) KMS() *kms.Service {
	k, _ := s.services["kms"].(*kms.Service)
	return k
}
